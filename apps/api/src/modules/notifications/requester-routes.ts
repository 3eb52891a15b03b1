import { notificationsContracts } from '@nsp/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access } from '../../lib/access.ts';
import { fromContract } from '../../lib/route.ts';
import { actorFromRequest } from '../audit/audit-log.ts';
import { publishLiveEvent } from '../live-events/publish.ts';
import { escapeHtml } from './compose.ts';
import {
  type RequesterActionContext,
  requestForLink,
  requesterSaysNotFixed,
  unsubscribeRequester,
} from './requester-actions.ts';
import type { RequesterLinks } from './requester-links.ts';
import { mailLanguageOf } from './requester-messages.ts';
import { requesterText } from './requester-texts.ts';

/**
 * The two links in requester e-mails. Both are public (no login) and authorised only by a signed token
 * made for that request and purpose. A GET only shows a page with a button: mail scanners and link
 * previews open links, and must not unsubscribe or reopen anything. The POSTs do the work; the
 * unsubscribe POST is also the RFC 8058 one-click target (`List-Unsubscribe=One-Click`).
 */
const publicLink = access.public();
/** Per client address; the tokens are unguessable, this only keeps a script from hammering the routes. */
const rateLimit = { max: 30, timeWindow: '1 minute' };

export async function requesterLinkRoutes(app: FastifyInstance, options: { links: RequesterLinks }) {
  // Forms post url-encoded (browsers, mail providers' one-click); multipart is allowed by RFC 8058 and ignored.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string' }, (_request, _body, done) =>
    done(null, {}),
  );

  const routes = app.withTypeProvider<ZodTypeProvider>();
  const context = (request: FastifyRequest): RequesterActionContext => ({
    db: app.database.db,
    catalog: app.serviceCatalog,
    links: options.links,
    actor: actorFromRequest(request),
    now: () => new Date(),
  });
  const wantsHtml = (request: FastifyRequest) => (request.headers.accept ?? '').includes('text/html');
  const html = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').send(body);

  routes.route({
    ...fromContract(notificationsContracts.unsubscribePage, publicLink),
    config: { access: publicLink, rateLimit },
    handler: async (request, reply) => {
      const row = await requestForLink(
        context(request),
        request.params.trackingNumber,
        'unsubscribe',
        request.query.token,
      );
      const language = mailLanguageOf(row.requesterLanguage);
      const values = { trackingNumber: row.trackingNumber };
      return html(
        reply,
        page(language, requesterText('unsubscribeTitle', language, values), [
          `<p>${escapeHtml(requesterText('unsubscribeExplain', language))}</p>`,
          `<form method="post" action="${escapeHtml(request.url)}">`,
          '<input type="hidden" name="List-Unsubscribe" value="One-Click">',
          `<button type="submit">${escapeHtml(requesterText('unsubscribeButton', language))}</button>`,
          '</form>',
          statusLink(options.links, row.trackingNumber, language),
        ]),
      );
    },
  });

  routes.route({
    ...fromContract(notificationsContracts.unsubscribe, publicLink),
    config: { access: publicLink, rateLimit },
    handler: async (request, reply) => {
      const result = await unsubscribeRequester(
        context(request),
        request.params.trackingNumber,
        request.query.token,
      );
      if (wantsHtml(request)) {
        const language = mailLanguageOf(result.language);
        const values = { trackingNumber: result.trackingNumber };
        return html(
          reply,
          page(language, requesterText('unsubscribeTitle', language, values), [
            `<p role="status">${escapeHtml(requesterText('unsubscribed', language, values))}</p>`,
            statusLink(options.links, result.trackingNumber, language),
          ]),
        );
      }
      return { trackingNumber: result.trackingNumber, emailUpdates: false as const };
    },
  });

  routes.route({
    ...fromContract(notificationsContracts.notFixedPage, publicLink),
    config: { access: publicLink, rateLimit },
    handler: async (request, reply) => {
      const row = await requestForLink(
        context(request),
        request.params.trackingNumber,
        'not-fixed',
        request.query.token,
      );
      const language = mailLanguageOf(row.requesterLanguage);
      const values = { trackingNumber: row.trackingNumber };
      return html(
        reply,
        page(language, requesterText('notFixedTitle', language, values), [
          `<p>${escapeHtml(requesterText('notFixedExplain', language))}</p>`,
          `<form method="post" action="${escapeHtml(request.url)}">`,
          `<p><label for="comment">${escapeHtml(requesterText('notFixedComment', language))}</label><br>`,
          '<textarea id="comment" name="comment" rows="4" cols="50" maxlength="2000"></textarea></p>',
          `<button type="submit">${escapeHtml(requesterText('notFixedButton', language))}</button>`,
          '</form>',
          statusLink(options.links, row.trackingNumber, language),
        ]),
      );
    },
  });

  routes.route({
    ...fromContract(notificationsContracts.notFixed, publicLink),
    config: { access: publicLink, rateLimit },
    handler: async (request, reply) => {
      const ctx = context(request);
      let result: Awaited<ReturnType<typeof requesterSaysNotFixed>>;
      try {
        result = await requesterSaysNotFixed(
          ctx,
          request.params.trackingNumber,
          request.query.token,
          typeof request.body?.comment === 'string' ? request.body.comment : undefined,
        );
      } catch (error) {
        // A browser gets a page it can read; an API caller the problem reply.
        if (wantsHtml(request) && (error as { status?: number }).status === 409) {
          const row = await requestForLink(
            ctx,
            request.params.trackingNumber,
            'not-fixed',
            request.query.token,
          );
          const language = mailLanguageOf(row.requesterLanguage);
          const values = { trackingNumber: row.trackingNumber };
          return html(
            reply.code(409),
            page(language, requesterText('notFixedTitle', language, values), [
              `<p role="status">${escapeHtml(requesterText('cannotReopen', language, values))}</p>`,
            ]),
          );
        }
        throw error;
      }
      if (result.outcome === 'reopened') {
        publishLiveEvent(app.database.db, {
          type: 'service_request.status_changed',
          entity: 'service_request',
          id: result.row.id,
          neighborhoodId: result.row.neighborhoodId,
          status: result.row.status,
        }).catch((error) => request.log.warn({ err: error }, 'live event not published'));
      }
      if (wantsHtml(request)) {
        const language = mailLanguageOf(result.language);
        const values = { trackingNumber: result.trackingNumber };
        return html(
          reply,
          page(language, requesterText('notFixedTitle', language, values), [
            `<p role="status">${escapeHtml(
              requesterText(result.outcome === 'reopened' ? 'reopened' : 'alreadyOpen', language, values),
            )}</p>`,
            statusLink(options.links, result.trackingNumber, language),
          ]),
        );
      }
      return {
        trackingNumber: result.trackingNumber,
        reopened: result.outcome === 'reopened',
        status: result.status,
      };
    },
  });
}

function statusLink(
  links: RequesterLinks,
  trackingNumber: string,
  language: ReturnType<typeof mailLanguageOf>,
) {
  return `<p><a href="${escapeHtml(links.statusPage(trackingNumber))}">${escapeHtml(requesterText('statusLink', language))}</a></p>`;
}

/** A plain page: no script, no external resources, readable on any phone. */
function page(language: string, title: string, parts: string[]): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(language)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>`,
    `<body><main><h1>${escapeHtml(title)}</h1>`,
    ...parts,
    '</main></body></html>',
  ].join('\n');
}
