import fastifyMultipart from '@fastify/multipart';
import { attachmentsContracts } from '@nsp/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access, allRoles, requireUser } from '../../lib/access.ts';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../../lib/errors.ts';
import { fromContract } from '../../lib/route.ts';
import { actorFromRequest } from '../audit/audit-log.ts';
import { type AttachmentOwner, attachmentOwners } from './owners.ts';
import {
  type AttachmentRow,
  type AttachmentsContext,
  listAttachments,
  openAttachment,
  removeAttachment,
  updateAttachment,
  uploadAttachment,
} from './service.ts';
import type { AttachmentStorage } from './storage.ts';
import { attachmentUploadFieldsSchema } from '@nsp/contracts';

export interface AttachmentsRoutesOptions {
  storage: AttachmentStorage;
  maxBytes: number;
}

/** Downloads: every role and the request scopes; the owner's rules then decide (owners.ts). */
const downloaders = access.roles(allRoles, { scopes: ['requests:read', 'requests:write'] });
/** Changing or removing: staff roles; the owner's rules then decide. */
const managers = access.roles(['admin', 'supervisor', 'lieutenant', 'staff']);

function union(values: Array<readonly string[]>) {
  return [...new Set(values.flat())];
}

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function sendStoredFile(
  reply: FastifyReply,
  file: { row: AttachmentRow; body: NodeJS.ReadableStream; size: number; contentType: string },
  options: { download: boolean; cache: string },
) {
  return (
    reply
      .code(200)
      .header('content-type', file.contentType)
      .header('content-length', String(file.size))
      .header(
        'content-disposition',
        contentDisposition(options.download ? 'attachment' : 'inline', file.row.fileName),
      )
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', options.cache)
      // A PDF opened in the browser runs in a sandbox with nothing allowed: no scripts, no forms.
      .header(
        'content-security-policy',
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      )
      .send(file.body)
  );
}

export async function attachmentsRoutes(app: FastifyInstance, options: AttachmentsRoutesOptions) {
  await app.register(fastifyMultipart, {
    limits: { fileSize: options.maxBytes, files: 1, fields: 5, fieldSize: 2000, parts: 6, headerPairs: 50 },
  });
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { storage } = options;

  const context = (request: FastifyRequest): AttachmentsContext => {
    const principal = request.principal ?? requireUser(request);
    return {
      db: app.database.db,
      storage,
      actor: { ...actorFromRequest(request), name: principal.name },
      principal,
      now: () => new Date(),
    };
  };

  /** The one file of a multipart upload, and the fields sent before it. Never buffers more than the limit. */
  async function readUpload(request: FastifyRequest) {
    if (!request.isMultipart()) {
      throw new UnsupportedMediaTypeError('Send the file as multipart/form-data in the field "file".');
    }
    let part: Awaited<ReturnType<FastifyRequest['file']>>;
    try {
      part = await request.file();
    } catch (error) {
      throw tooLargeOr(error, options.maxBytes);
    }
    if (part?.fieldname !== 'file') {
      throw new ValidationError('file: is required (one file in the multipart field "file")', [
        { path: 'file', message: 'is required', in: 'body' },
      ]);
    }
    let file: Buffer;
    try {
      file = await part.toBuffer();
    } catch (error) {
      throw tooLargeOr(error, options.maxBytes);
    }
    if (part.file.truncated) throw tooLarge(options.maxBytes);
    if (file.length === 0) {
      throw new ValidationError('file: is empty', [{ path: 'file', message: 'is empty', in: 'body' }]);
    }
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(part.fields)) {
      const field = Array.isArray(value) ? value[0] : value;
      if (name !== 'file' && field && field.type === 'field') fields[name] = String(field.value);
    }
    const parsed = attachmentUploadFieldsSchema.safeParse(fields);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((issue) => ({
        path: issue.path.join('.') || '(root)',
        message: issue.message,
        in: 'body' as const,
      }));
      throw new ValidationError(errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
    }
    return { file, fileName: part.filename, fields: parsed.data };
  }

  for (const owner of attachmentOwners) registerOwnerRoutes(owner);

  function registerOwnerRoutes(owner: AttachmentOwner) {
    // The three owners' contracts have one shape; only the path differs.
    const contracts = owner.contracts as typeof attachmentsContracts.serviceRequest;
    routes.route({
      ...fromContract(contracts.upload, access.roles(owner.writeRoles, { scopes: owner.writeScopes })),
      bodyLimit: options.maxBytes + 64 * 1024,
      handler: async (request, reply) => {
        const upload = await readUpload(request);
        const created = await uploadAttachment(context(request), {
          owner,
          ownerId: request.params.id,
          file: upload.file,
          clientName: upload.fileName,
          source: upload.fields.source,
          caption: upload.fields.caption,
        });
        reply.header('location', created.url);
        return reply.code(201).send(created);
      },
    });
    routes.route({
      ...fromContract(
        contracts.list,
        access.roles(union([owner.readRoles, owner.internalRoles]) as typeof owner.readRoles, {
          scopes: owner.readScopes,
        }),
      ),
      handler: async (request) => ({
        items: await listAttachments(context(request), owner, request.params.id),
      }),
    });
  }

  routes.route({
    ...fromContract(attachmentsContracts.download, downloaders),
    handler: async (request, reply) => {
      const file = await openAttachment(
        { db: app.database.db, storage },
        request.principal,
        request.params.id,
        'file',
      );
      return sendStoredFile(reply, file, {
        download: request.query.download === 'true',
        cache: 'private, max-age=300',
      });
    },
  });
  routes.route({
    ...fromContract(attachmentsContracts.thumbnail, downloaders),
    handler: async (request, reply) => {
      const file = await openAttachment(
        { db: app.database.db, storage },
        request.principal,
        request.params.id,
        'thumbnail',
      );
      return sendStoredFile(reply, file, { download: false, cache: 'private, max-age=3600' });
    },
  });
  routes.route({
    ...fromContract(attachmentsContracts.update, managers),
    handler: async (request) => updateAttachment(context(request), request.params.id, request.body),
  });
  routes.route({
    ...fromContract(attachmentsContracts.remove, managers),
    handler: async (request, reply) => {
      await removeAttachment(context(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
  routes.route({
    ...fromContract(attachmentsContracts.publicDownload, access.public()),
    handler: async (request, reply) => {
      const file = await openAttachment({ db: app.database.db, storage }, null, request.params.id, 'file');
      // Short: a photo made internal again should stop showing soon.
      return sendStoredFile(reply, file, { download: false, cache: 'public, max-age=60' });
    },
  });
}

function tooLarge(maxBytes: number) {
  const megabytes = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return new PayloadTooLargeError(`The file is larger than the ${megabytes} MB NSP accepts.`, { maxBytes });
}

function tooLargeOr(error: unknown, maxBytes: number): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_ERR_CTP_BODY_TOO_LARGE') return tooLarge(maxBytes);
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new ValidationError('Send one file in the field "file" and at most a caption and a source.', [
      { path: 'file', message: 'send exactly one file', in: 'body' },
    ]);
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_MULTIPART_INVALID_CONTENT_TYPE') {
    return new UnsupportedMediaTypeError('Send the file as multipart/form-data in the field "file".');
  }
  if (typeof code === 'string' && code.startsWith('FST_')) {
    return new ValidationError('The multipart body is malformed.', [
      { path: 'file', message: 'is not a well-formed multipart upload', in: 'body' },
    ]);
  }
  return error;
}
