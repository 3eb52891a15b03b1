import { attachmentsContracts, personalDataRoles, type Role } from '@nsp/contracts';
import { eq } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import {
  type AttachmentOwnerKind,
  meetings,
  requestEvents,
  saraCases,
  serviceRequests,
} from '../../db/schema/index.ts';
import type { Principal } from '../../lib/access.ts';

/**
 * What attachments can belong to and who may do what with them, one entry per owner. The routes
 * (`POST` and `GET /api/v1/<segment>/:id/attachments`), downloads, visibility and retention all
 * follow from this list. A new owner (SARA cases, meetings) is one entry in `attachmentOwners`:
 *
 *   { kind: 'sara_case', contracts: attachmentsContracts.saraCase, exists: existsIn(saraCases),
 *     readRoles: [...], writeRoles: [...], internalRoles: [...] }
 */
export interface AttachmentOwner {
  kind: AttachmentOwnerKind;
  contracts:
    | typeof attachmentsContracts.serviceRequest
    | typeof attachmentsContracts.saraCase
    | typeof attachmentsContracts.meeting;
  /** Whether the owner exists (404 otherwise). */
  exists(executor: Executor, id: string): Promise<boolean>;
  /** People who may list and download (the internal ones only if also in internalRoles). */
  readRoles: readonly Role[];
  /** Integration scopes that may list and download public attachments. */
  readScopes: readonly string[];
  /** People who may attach, change the caption or visibility, and remove. */
  writeRoles: readonly Role[];
  /** Integration scopes that may attach (their files are always a resident's: source `requester`). */
  writeScopes: readonly string[];
  /** People who see internal attachments; everyone else allowed in sees only public ones. */
  internalRoles: readonly Role[];
  /** Whether attachments can be made public at all. */
  mayBePublic: boolean;
  /** Notes a change on the owner's own history (in the change's transaction), where it has one. */
  recordEvent?(executor: Executor, ownerId: string, event: AttachmentEvent): Promise<void>;
}

/** A change to an owner's attachments, for its history: what kind of file, never its name. */
export interface AttachmentEvent {
  kind: 'attachment_added' | 'attachment_removed' | 'attachment_published' | 'attachment_unpublished';
  actor: { type: string; id: string | null; name: string };
  file: 'photo' | 'document';
}

/** `exists` for an owner whose table has a uuid `id`. */
export function existsIn(table: PgTable & { id: AnyPgColumn }) {
  return async (executor: Executor, id: string) => {
    const [row] = await executor
      .select({ id: table.id })
      .from(table as PgTable)
      .where(eq(table.id, id))
      .limit(1);
    return row !== undefined;
  };
}

const everyone: readonly Role[] = ['admin', 'supervisor', 'lieutenant', 'staff', 'analyst'];

export const serviceRequestOwner: AttachmentOwner = {
  kind: 'service_request',
  contracts: attachmentsContracts.serviceRequest,
  exists: existsIn(serviceRequests),
  readRoles: everyone,
  readScopes: ['requests:read', 'requests:write'],
  writeRoles: ['admin', 'supervisor', 'lieutenant', 'staff'],
  writeScopes: ['requests:write'],
  // Residents' photos are personal data: staff roles only, like the requester's contact.
  internalRoles: personalDataRoles,
  mayBePublic: true,
  // On the request's timeline, internal: "Photo added by CSO Jordan Silva". The file name can be
  // personal ("Maria's car.jpg") and analysts read the timeline, so it is not written there.
  async recordEvent(executor, ownerId, event) {
    await executor.insert(requestEvents).values({
      requestId: ownerId,
      actorType: event.actor.type,
      actorId: event.actor.id,
      actorName: event.actor.name,
      kind: event.kind,
      after: { file: event.file },
      visibility: 'internal',
    });
  },
};

const staffRoles: readonly Role[] = ['admin', 'supervisor', 'lieutenant', 'staff'];

/**
 * A SARA case's and a meeting's files are working material: everyone who reads the case or the
 * meeting sees them, staff roles add and remove them, and none is ever public or reachable by an
 * integration.
 */
export const saraCaseOwner: AttachmentOwner = {
  kind: 'sara_case',
  contracts: attachmentsContracts.saraCase,
  exists: existsIn(saraCases),
  readRoles: everyone,
  readScopes: [],
  writeRoles: staffRoles,
  writeScopes: [],
  internalRoles: everyone,
  mayBePublic: false,
};

export const meetingOwner: AttachmentOwner = {
  kind: 'meeting',
  contracts: attachmentsContracts.meeting,
  exists: existsIn(meetings),
  readRoles: everyone,
  readScopes: [],
  writeRoles: staffRoles,
  writeScopes: [],
  internalRoles: everyone,
  mayBePublic: false,
};

export const attachmentOwners: readonly AttachmentOwner[] = [
  serviceRequestOwner,
  saraCaseOwner,
  meetingOwner,
];

export function ownerOf(kind: AttachmentOwnerKind): AttachmentOwner | undefined {
  return attachmentOwners.find((owner) => owner.kind === kind);
}

function hasAnyRole(principal: Principal, roles: readonly Role[]): boolean {
  return principal.kind === 'user' && principal.roles.some((role) => roles.includes(role));
}

function hasAnyScope(principal: Principal, scopes: readonly string[]): boolean {
  return principal.kind === 'api_client' && principal.scopes.some((scope) => scopes.includes(scope));
}

/** 'all', 'public' (only what staff made public) or null (nothing: the owner is not theirs to see). */
export function readAccessOf(owner: AttachmentOwner, principal: Principal): 'all' | 'public' | null {
  if (hasAnyRole(principal, owner.internalRoles)) return 'all';
  if (hasAnyRole(principal, owner.readRoles) || hasAnyScope(principal, owner.readScopes)) {
    return owner.mayBePublic ? 'public' : null;
  }
  return null;
}

export function mayWrite(owner: AttachmentOwner, principal: Principal): boolean {
  return hasAnyRole(principal, owner.writeRoles) || hasAnyScope(principal, owner.writeScopes);
}

export function mayManage(owner: AttachmentOwner, principal: Principal): boolean {
  return hasAnyRole(principal, owner.writeRoles);
}
