import { publicTextsContracts } from '@nsp/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access } from '../../lib/access.ts';
import { sendEtag, versionPrecondition } from '../../lib/etag.ts';
import { fromContract } from '../../lib/route.ts';
import { actorFromRequest } from '../audit/audit-log.ts';
import { replyPublicJson } from './public-reply.ts';
import {
  createPublicLanguage,
  getTextCatalog,
  type PublicTextsContext,
  updatePublicLanguage,
  updatePublicText,
} from './texts-service.ts';

// product.md: the administrator owns what the public surface says (like categories and boundaries).
const adminOnly = access.roles(['admin']);

export async function publicTextsRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const context = (request: FastifyRequest): PublicTextsContext => ({
    db: app.database.db,
    actor: actorFromRequest(request),
    store: app.publicTexts,
  });

  routes.route({
    ...fromContract(publicTextsContracts.forLanguage, access.public()),
    handler: async (request, reply) =>
      replyPublicJson(request, reply, {
        key: 'texts',
        topics: ['texts'],
        ttlMs: 10 * 60_000,
        maxAgeSeconds: 300,
        schema: publicTextsContracts.forLanguage.responses[200],
        build: async (texts) => {
          const languages = await app.publicTexts.languages();
          return {
            language: texts.language,
            languages: languages
              .filter((language) => language.enabled)
              .map((language) => ({ code: language.code, name: language.name })),
            texts: texts.all(),
          };
        },
      }),
  });

  routes.route({
    ...fromContract(publicTextsContracts.catalog, adminOnly),
    handler: async () => getTextCatalog(app.database.db, app.publicTexts),
  });

  routes.route({
    ...fromContract(publicTextsContracts.update, adminOnly),
    handler: async (request, reply) => {
      const entry = await updatePublicText(
        context(request),
        request.params.key,
        request.params.language,
        request.body.text,
        versionPrecondition(request.headers['if-match'], request.body.version),
      );
      sendEtag(reply, entry.version);
      return entry;
    },
  });

  routes.route({
    ...fromContract(publicTextsContracts.createLanguage, adminOnly),
    handler: async (request, reply) => {
      const language = await createPublicLanguage(context(request), request.body);
      sendEtag(reply, language.version);
      return reply.code(201).send(language);
    },
  });

  routes.route({
    ...fromContract(publicTextsContracts.updateLanguage, adminOnly),
    handler: async (request, reply) => {
      const { version, ...changes } = request.body;
      const language = await updatePublicLanguage(
        context(request),
        request.params.code,
        changes,
        versionPrecondition(request.headers['if-match'], version),
      );
      sendEtag(reply, language.version);
      return language;
    },
  });
}
