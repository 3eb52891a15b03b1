import { z } from 'zod';
import {
  authErrorResponses,
  isoDateTimeSchema,
  problemSchema,
  safeTextSchema,
  uuidSchema,
} from './common.ts';
import { defineContract } from './route.ts';

const tags = ['attachments'];

/**
 * What attachments can belong to, and the path segment each is uploaded under. SARA cases and
 * meetings plug in by adding their owner in the API (modules/attachments/owners.ts); their routes
 * follow from this table.
 */
export const attachmentOwners = {
  service_request: 'service-requests',
  sara_case: 'sara-cases',
  meeting: 'meetings',
} as const;
export type AttachmentOwnerKind = keyof typeof attachmentOwners;

export const attachmentVisibilitySchema = z.enum(['internal', 'public']);
export const attachmentSourceSchema = z.enum(['staff', 'requester']);

export const attachmentSchema = z.object({
  id: uuidSchema,
  ownerKind: z.enum(['service_request', 'sara_case', 'meeting']),
  ownerId: uuidSchema,
  kind: z.enum(['image', 'document']),
  contentType: z
    .string()
    .describe('The type of the stored copy: image/jpeg, image/png, image/webp or application/pdf'),
  fileName: z.string(),
  byteSize: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  visibility: attachmentVisibilitySchema.describe(
    'public: shown on the public status page and in Open311 media_url (a request’s photos only)',
  ),
  source: attachmentSourceSchema.describe(
    'requester: a resident’s own photo, removed by retention with their contact data',
  ),
  caption: z.string().nullable(),
  uploadedBy: z.object({ type: z.string(), name: z.string().nullable() }),
  createdAt: isoDateTimeSchema,
  url: z.string().describe('Where to download the file (with the caller’s credentials)'),
  thumbnailUrl: z.string().nullable(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const attachmentListSchema = z.object({ items: z.array(attachmentSchema) });

export const updateAttachmentBodySchema = z
  .object({
    visibility: attachmentVisibilitySchema.optional(),
    caption: safeTextSchema.max(500, 'must be at most 500 characters').nullable().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'give visibility or caption');

export const attachmentUploadFieldsSchema = z.object({
  source: attachmentSourceSchema.optional(),
  caption: safeTextSchema.max(500, 'must be at most 500 characters').optional(),
});

const idParams = z.object({ id: uuidSchema });
const fileReply = z
  .string()
  .describe('The file itself, with Content-Disposition and X-Content-Type-Options: nosniff');
const downloadQuery = z.object({
  download: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: Content-Disposition attachment (save) instead of inline'),
});

const uploadDescription =
  'multipart/form-data with the field `file` (one file) and optionally `caption` and `source` (`requester` for a resident’s own photo; integrations always file `requester`), sent before the file. The type is read from the bytes: JPEG, PNG, WebP and HEIC photos and PDF documents are accepted, anything else is 415; larger than NSP_ATTACHMENT_MAX_BYTES is 413. Photos are re-encoded without EXIF/XMP metadata (GPS position, camera serial) and turned upright.';

function ownerContracts<const S extends string>(segment: S) {
  return {
    upload: defineContract({
      method: 'POST',
      path: `/api/v1/${segment}/:id/attachments` as `/api/v1/${S}/:id/attachments`,
      summary: 'Attach a photo or document',
      description: uploadDescription,
      tags,
      params: idParams,
      consumes: ['multipart/form-data'],
      responses: {
        201: attachmentSchema,
        ...authErrorResponses,
        404: problemSchema,
        413: problemSchema,
        415: problemSchema,
      },
    }),
    list: defineContract({
      method: 'GET',
      path: `/api/v1/${segment}/:id/attachments` as `/api/v1/${S}/:id/attachments`,
      summary: 'The photos and documents attached (newest first)',
      description:
        'Staff roles see all of them; analysts and integrations only the photos staff made public.',
      tags,
      params: idParams,
      responses: { 200: attachmentListSchema, ...authErrorResponses, 404: problemSchema },
    }),
  };
}

export const attachmentsContracts = {
  serviceRequest: ownerContracts('service-requests'),
  saraCase: ownerContracts('sara-cases'),
  meeting: ownerContracts('meetings'),
  download: defineContract({
    method: 'GET',
    path: '/api/v1/attachments/:id',
    summary: 'Download an attachment (the cleaned copy)',
    tags,
    params: idParams,
    querystring: downloadQuery,
    responses: { 200: fileReply, ...authErrorResponses, 404: problemSchema },
  }),
  thumbnail: defineContract({
    method: 'GET',
    path: '/api/v1/attachments/:id/thumbnail',
    summary: 'A photo’s thumbnail (JPEG, at most 320 pixels)',
    tags,
    params: idParams,
    responses: { 200: fileReply, ...authErrorResponses, 404: problemSchema },
  }),
  update: defineContract({
    method: 'PATCH',
    path: '/api/v1/attachments/:id',
    summary: 'Mark a request’s photo public or internal, or change the caption',
    tags,
    params: idParams,
    body: updateAttachmentBodySchema,
    responses: { 200: attachmentSchema, ...authErrorResponses, 404: problemSchema, 409: problemSchema },
  }),
  remove: defineContract({
    method: 'DELETE',
    path: '/api/v1/attachments/:id',
    summary: 'Remove an attachment (its files go; a record of who removed it stays)',
    tags,
    params: idParams,
    responses: { 204: z.null(), ...authErrorResponses, 404: problemSchema },
  }),
  publicDownload: defineContract({
    method: 'GET',
    path: '/api/v1/public/attachments/:id',
    summary: 'A photo staff made public (as on the public status page and in Open311 media_url)',
    tags: ['public'],
    params: idParams,
    responses: { 200: fileReply, 400: problemSchema, 404: problemSchema },
  }),
};
