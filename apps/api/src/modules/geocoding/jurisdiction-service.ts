import type { Jurisdiction } from '@nsp/contracts';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { geocodingJurisdiction, type JurisdictionTownEntry } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { assertFresh, type VersionPrecondition } from '../../lib/etag.ts';
import { ConflictError } from '../../lib/errors.ts';
import { iso } from '../../lib/iso.ts';
import { type AuditActor, recordAudit } from '../audit/audit-log.ts';
import { type JurisdictionNames, townKeyOf } from './jurisdiction.ts';

export interface StoredJurisdiction extends JurisdictionNames {
  towns: JurisdictionTownEntry[];
  villages: JurisdictionTownEntry[];
  zipCodes: string[];
  updatedAt: Date | null;
  version: number;
}

type Row = typeof geocodingJurisdiction.$inferSelect;

function fromRow(row: Row | undefined): StoredJurisdiction {
  return {
    state: row?.state ?? null,
    towns: row?.towns ?? [],
    villages: row?.villages ?? [],
    zipCodes: row?.zipCodes ?? [],
    updatedAt: row?.updatedAt ?? null,
    // Never saved: version 0, nothing configured.
    version: row?.version ?? 0,
  };
}

export async function loadJurisdiction(executor: Executor): Promise<StoredJurisdiction> {
  const [row] = await executor
    .select()
    .from(geocodingJurisdiction)
    .where(eq(geocodingJurisdiction.id, 1))
    .limit(1);
  return fromRow(row);
}

export function toJurisdictionDto(stored: StoredJurisdiction): Jurisdiction {
  return {
    state: stored.state,
    towns: stored.towns,
    villages: stored.villages,
    zipCodes: stored.zipCodes,
    updatedAt: iso(stored.updatedAt),
    version: stored.version,
  };
}

/** One spelling for two entries would make the answer depend on list order: refused with 409. */
function assertEachNameOnce(towns: JurisdictionTownEntry[], villages: JurisdictionTownEntry[]): void {
  const seen = new Map<string, string>();
  for (const [list, entries] of [
    ['towns', towns],
    ['villages', villages],
  ] as const) {
    entries.forEach((entry, index) => {
      for (const name of new Set([entry.name, ...entry.aliases].map(townKeyOf))) {
        const earlier = seen.get(name);
        if (earlier !== undefined) {
          throw new ConflictError(`The name ${name} is given twice (${earlier} and ${list}[${index}]).`);
        }
        seen.set(name, `${list}[${index}]`);
      }
    });
  }
}

const cleaned = (entries: JurisdictionTownEntry[]) =>
  entries.map((entry) => ({
    name: entry.name.trim(),
    aliases: [...new Set(entry.aliases.map((alias) => alias.trim()))].filter(
      (alias) => townKeyOf(alias) !== townKeyOf(entry.name),
    ),
  }));

export async function updateJurisdiction(
  executor: Executor,
  actor: AuditActor,
  input: {
    state?: string | null | undefined;
    towns?: JurisdictionTownEntry[] | undefined;
    villages?: JurisdictionTownEntry[] | undefined;
    zipCodes?: string[] | undefined;
  },
  precondition: VersionPrecondition,
): Promise<StoredJurisdiction> {
  return withTransaction(executor, async (tx) => {
    const [before] = await tx
      .select()
      .from(geocodingJurisdiction)
      .where(eq(geocodingJurisdiction.id, 1))
      .for('update')
      .limit(1);
    const current = fromRow(before);
    assertFresh(precondition, current.version, 'The jurisdiction');
    const towns = input.towns ? cleaned(input.towns) : current.towns;
    const villages = input.villages ? cleaned(input.villages) : current.villages;
    assertEachNameOnce(towns, villages);
    const values = {
      state: input.state === undefined ? current.state : input.state,
      towns,
      villages,
      zipCodes: input.zipCodes ? [...new Set(input.zipCodes)].sort() : current.zipCodes,
      updatedAt: new Date(),
      updatedBy: actor.id,
    };
    const [after] = await tx
      .insert(geocodingJurisdiction)
      .values({ id: 1, ...values, version: 1 })
      .onConflictDoUpdate({
        target: geocodingJurisdiction.id,
        set: { ...values, version: sql`${geocodingJurisdiction.version} + 1` },
      })
      .returning();
    const view = (j: StoredJurisdiction) => ({
      state: j.state,
      towns: j.towns,
      villages: j.villages,
      zipCodes: j.zipCodes,
    });
    await recordAudit(tx, actor, {
      action: 'jurisdiction.updated',
      entityType: 'jurisdiction',
      entityId: '1',
      before: before ? view(current) : null,
      after: view(fromRow(after)),
    });
    return fromRow(after);
  });
}
