import type { FastifyReply } from 'fastify';
import { PreconditionFailedError } from './errors.ts';

/**
 * ETag / If-Match for versioned records (every table with a `version` counter). The ETag is weak
 * (W/"<version>") because it names a version of the record, not the bytes of one representation:
 * what a caller sees of a record depends on their role.
 */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/** Sets the ETag header of a single-record reply. */
export function sendEtag(reply: FastifyReply, version: number): void {
  reply.header('etag', etagOf(version));
}

/** What the caller says it read: any version ('*'), one of some versions, or nothing (no precondition). */
export type VersionPrecondition =
  | { kind: 'none' }
  | { kind: 'any' }
  | { kind: 'versions'; versions: number[] };

const entityTagPattern = /^(?:W\/)?"([^"]*)"$/;

/**
 * Reads If-Match (a list of entity tags, weak or strong, or `*`) and a `version` body field. When both
 * are given, both must hold. An entity tag this API never issued cannot match any version, so it fails
 * the precondition (412) rather than being ignored.
 */
export function versionPrecondition(
  ifMatch: string | string[] | undefined,
  bodyVersion?: number | undefined,
): VersionPrecondition {
  const header = Array.isArray(ifMatch) ? ifMatch.join(',') : ifMatch;
  let fromHeader: number[] | 'any' | undefined;
  if (header !== undefined && header.trim() !== '') {
    const tags = header
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean);
    if (tags.includes('*')) fromHeader = 'any';
    else {
      fromHeader = tags.map((tag) => {
        const value = entityTagPattern.exec(tag)?.[1] ?? tag;
        return /^\d{1,9}$/.test(value) ? Number(value) : -1;
      });
    }
  }
  if (bodyVersion !== undefined) {
    if (fromHeader === undefined || fromHeader === 'any')
      return { kind: 'versions', versions: [bodyVersion] };
    return { kind: 'versions', versions: fromHeader.includes(bodyVersion) ? [bodyVersion] : [-1] };
  }
  if (fromHeader === undefined) return { kind: 'none' };
  if (fromHeader === 'any') return { kind: 'any' };
  return { kind: 'versions', versions: fromHeader };
}

/** Throws 412 (with the current version and ETag) when the caller's precondition does not hold. */
export function assertFresh(precondition: VersionPrecondition, currentVersion: number, what: string): void {
  if (precondition.kind !== 'versions' || precondition.versions.includes(currentVersion)) return;
  throw new PreconditionFailedError(
    `${what} changed since you read it (it is now at version ${currentVersion}); read it again and retry.`,
    { currentVersion },
    { etag: etagOf(currentVersion) },
  );
}

/**
 * The version a caller's precondition pins, for an `UPDATE … WHERE version = $v` that needs no prior
 * read; undefined when any version will do.
 */
export function pinnedVersion(precondition: VersionPrecondition): number | undefined {
  return precondition.kind === 'versions' && precondition.versions.length === 1
    ? precondition.versions[0]
    : undefined;
}
