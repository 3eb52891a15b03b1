import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, timestampColumn } from './columns.ts';
import { meetings } from './meetings.ts';
import { saraCases } from './sara.ts';
import { serviceRequests } from './service-requests.ts';

/**
 * What an attachment can belong to. A new owner (SARA cases, meetings) adds its kind here and, for a
 * foreign key, one generated column below; modules/attachments/owners.ts says who may see it.
 */
export const attachmentOwnerKinds = ['service_request', 'sara_case', 'meeting'] as const;
export type AttachmentOwnerKind = (typeof attachmentOwnerKinds)[number];

/**
 * Photos and documents on service requests, SARA cases and meetings. The row points at the stored
 * copies by key (never by a path a client chose). Only re-encoded images are stored: the upload as
 * sent (with its EXIF: GPS position, camera serial) is never written anywhere.
 *
 * A removed attachment keeps its row (who removed it, when, why) as the record; its files go
 * (`purgedAt` says when they were removed from storage).
 */
export const attachments = pgTable(
  'attachments',
  {
    id: idColumn(),
    ownerKind: text('owner_kind').$type<AttachmentOwnerKind>().notNull(),
    ownerId: uuid('owner_id').notNull(),
    /** The owner as a foreign key, for the owner kinds whose table exists (generated from owner_id). */
    serviceRequestId: uuid('service_request_id')
      .generatedAlwaysAs(sql`case when owner_kind = 'service_request' then owner_id end`)
      .references(() => serviceRequests.id),
    saraCaseId: uuid('sara_case_id')
      .generatedAlwaysAs(sql`case when owner_kind = 'sara_case' then owner_id end`)
      .references(() => saraCases.id),
    meetingId: uuid('meeting_id')
      .generatedAlwaysAs(sql`case when owner_kind = 'meeting' then owner_id end`)
      .references(() => meetings.id),
    /** image or document; decided from the bytes. */
    kind: text('kind').$type<'image' | 'document'>().notNull(),
    /** The type of the stored copy (image/jpeg, image/png, image/webp, application/pdf). */
    contentType: text('content_type').notNull(),
    /** The sanitised name shown and offered on download (its extension follows contentType). */
    fileName: text('file_name').notNull(),
    byteSize: integer('byte_size').notNull(),
    width: integer('width'),
    height: integer('height'),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    thumbnailKey: text('thumbnail_key'),
    /** public: shown on the public status page and in Open311 media_url (service-request photos only). */
    visibility: text('visibility').$type<'internal' | 'public'>().notNull().default('internal'),
    /** requester: a resident's own photo (personal data for retention); staff: taken or made by staff. */
    source: text('source').$type<'staff' | 'requester'>().notNull(),
    caption: text('caption'),
    uploadedByType: text('uploaded_by_type').notNull(),
    uploadedById: text('uploaded_by_id'),
    uploadedByName: text('uploaded_by_name'),
    createdAt: createdAtColumn(),
    deletedAt: timestampColumn('deleted_at'),
    deletedByType: text('deleted_by_type'),
    deletedById: text('deleted_by_id'),
    deletedReason: text('deleted_reason').$type<'removed' | 'retention'>(),
    purgedAt: timestampColumn('purged_at'),
  },
  (table) => [
    index('attachments_owner_idx').on(table.ownerKind, table.ownerId, table.createdAt),
    index('attachments_service_request_idx').on(table.serviceRequestId),
    index('attachments_sara_case_idx').on(table.saraCaseId),
    index('attachments_meeting_idx').on(table.meetingId),
    index('attachments_unpurged_idx')
      .on(table.deletedAt)
      .where(sql`${table.deletedAt} is not null and ${table.purgedAt} is null`),
    check(
      'attachments_owner_kind_check',
      sql`${table.ownerKind} in ('service_request', 'sara_case', 'meeting')`,
    ),
    check('attachments_kind_check', sql`${table.kind} in ('image', 'document')`),
    check(
      'attachments_content_type_check',
      sql`${table.contentType} in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')`,
    ),
    check('attachments_visibility_check', sql`${table.visibility} in ('internal', 'public')`),
    check('attachments_source_check', sql`${table.source} in ('staff', 'requester')`),
    // Only a request's photos can be public, and a removed attachment is never public.
    check(
      'attachments_public_check',
      sql`${table.visibility} = 'internal' or (${table.ownerKind} = 'service_request' and ${table.kind} = 'image' and ${table.deletedAt} is null)`,
    ),
    check('attachments_file_name_check', sql`char_length(${table.fileName}) between 1 and 160`),
    check('attachments_caption_check', sql`${table.caption} is null or char_length(${table.caption}) <= 500`),
    check('attachments_byte_size_check', sql`${table.byteSize} >= 0`),
    check(
      'attachments_deleted_check',
      sql`(${table.deletedAt} is null) = (${table.deletedReason} is null) and (${table.purgedAt} is null or ${table.deletedAt} is not null)`,
    ),
  ],
);
