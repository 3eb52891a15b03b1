import type { PublicLanguage, PublicTextCatalog } from '@nsp/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { publicLanguages, publicTexts } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { assertFresh, type VersionPrecondition } from '../../lib/etag.ts';
import { AppError, ConflictError, NotFoundError } from '../../lib/errors.ts';
import { iso } from '../../lib/iso.ts';
import { type AuditActor, recordAudit } from '../audit/audit-log.ts';
import { FALLBACK_LANGUAGE } from './language-negotiation.ts';
import { placeholdersOf } from './text-catalog.ts';
import type { LanguageRow, PublicTextStore } from './text-store.ts';

export interface PublicTextsContext {
  db: Database;
  actor: AuditActor;
  store: PublicTextStore;
}

/** 422: the text is well-formed but cannot be used (a placeholder the API never fills in). */
export class UnprocessableTextError extends AppError {
  readonly status = 422;
  readonly slug = 'unusable-text';
  readonly title = 'The text cannot be used';
}

export function toLanguageDto(row: LanguageRow): PublicLanguage {
  return {
    code: row.code,
    name: row.name,
    englishName: row.englishName,
    enabled: row.enabled,
    position: row.position,
    version: row.version,
  };
}

/** Every key (shipped or stored) with its text per language, and every language. */
export async function getTextCatalog(db: Database, store: PublicTextStore): Promise<PublicTextCatalog> {
  const [languages, rows] = await Promise.all([
    db.select().from(publicLanguages).orderBy(asc(publicLanguages.position), asc(publicLanguages.code)),
    db.select().from(publicTexts).orderBy(asc(publicTexts.key)),
  ]);
  const byKey = new Map<string, PublicTextCatalog['items'][number]['texts']>();
  for (const key of store.keys) byKey.set(key, {});
  for (const row of rows) {
    const texts = byKey.get(row.key) ?? {};
    texts[row.language] = {
      text: row.text,
      updatedAt: iso(row.updatedAt),
      edited: row.updatedBy !== null,
      version: row.version,
    };
    byKey.set(row.key, texts);
  }
  return {
    languages: languages.map(toLanguageDto),
    items: [...byKey.keys()].sort().map((key) => ({ key, texts: byKey.get(key)! })),
  };
}

/**
 * Sets one text in one language (creating the row for a language that had none). Only the
 * placeholders the shipped English text has may be used: the API fills in no others.
 */
export async function updatePublicText(
  ctx: PublicTextsContext,
  key: string,
  language: string,
  text: string,
  precondition: VersionPrecondition,
) {
  const shipped = ctx.store.defaultOf(key);
  const updated = await withTransaction(ctx.db, async (tx) => {
    const [languageRow] = await tx
      .select({ code: publicLanguages.code })
      .from(publicLanguages)
      .where(eq(publicLanguages.code, language))
      .limit(1);
    if (!languageRow) throw new NotFoundError(`No public language ${language}; add it first.`);
    const [current] = await tx
      .select()
      .from(publicTexts)
      .where(and(eq(publicTexts.key, key), eq(publicTexts.language, language)))
      .for('update')
      .limit(1);
    const [english] = shipped
      ? [{ text: shipped.en }]
      : await tx
          .select({ text: publicTexts.text })
          .from(publicTexts)
          .where(and(eq(publicTexts.key, key), eq(publicTexts.language, FALLBACK_LANGUAGE)))
          .limit(1);
    if (!english) throw new NotFoundError(`No public text ${key}.`);
    const allowed = new Set(placeholdersOf(english.text));
    const unknown = placeholdersOf(text).filter((name) => !allowed.has(name));
    if (unknown.length > 0) {
      throw new UnprocessableTextError(
        `The text uses ${unknown.map((name) => `{${name}}`).join(', ')}, which this text never fills in; it may use ${
          allowed.size > 0 ? [...allowed].map((name) => `{${name}}`).join(', ') : 'no placeholders'
        }.`,
        { errors: [{ path: 'text', message: 'uses a placeholder this text never fills in', in: 'body' }] },
      );
    }
    if (current) assertFresh(precondition, current.version, `The ${language} text of ${key}`);
    else if (precondition.kind === 'versions') assertFresh(precondition, 0, `The ${language} text of ${key}`);
    const values = { text, updatedBy: ctx.actor.id, updatedAt: new Date() };
    const [row] = current
      ? await tx
          .update(publicTexts)
          .set({ ...values, version: current.version + 1 })
          .where(and(eq(publicTexts.key, key), eq(publicTexts.language, language)))
          .returning()
      : await tx
          .insert(publicTexts)
          .values({ key, language, ...values })
          .returning();
    await recordAudit(tx, ctx.actor, {
      action: 'public_text.updated',
      entityType: 'public_text',
      entityId: `${key}:${language}`,
      before: current ? { text: current.text, version: current.version } : null,
      after: { text, version: row!.version },
    });
    return row!;
  });
  // This instance answers with the new wording at once; the trigger tells the others.
  await ctx.store.refresh();
  return {
    text: updated.text,
    updatedAt: iso(updated.updatedAt),
    edited: updated.updatedBy !== null,
    version: updated.version,
  };
}

export async function createPublicLanguage(
  ctx: PublicTextsContext,
  input: { code: string; name: string; englishName: string; enabled: boolean; position: number },
): Promise<PublicLanguage> {
  const created = await withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .insert(publicLanguages)
      .values({ ...input, updatedBy: ctx.actor.id })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new ConflictError(`The public language ${input.code} already exists.`);
    await recordAudit(tx, ctx.actor, {
      action: 'public_language.created',
      entityType: 'public_language',
      entityId: row.code,
      after: toLanguageDto(row),
    });
    return row;
  });
  await ctx.store.refresh();
  return toLanguageDto(created);
}

export async function updatePublicLanguage(
  ctx: PublicTextsContext,
  code: string,
  changes: { name?: string; englishName?: string; enabled?: boolean; position?: number },
  precondition: VersionPrecondition,
): Promise<PublicLanguage> {
  if (code === FALLBACK_LANGUAGE && changes.enabled === false) {
    throw new ConflictError('English is the fallback of every public text and cannot be switched off.');
  }
  const updated = await withTransaction(ctx.db, async (tx) => {
    const [current] = await tx
      .select()
      .from(publicLanguages)
      .where(eq(publicLanguages.code, code))
      .for('update')
      .limit(1);
    if (!current) throw new NotFoundError(`No public language ${code}.`);
    assertFresh(precondition, current.version, `The language ${code}`);
    const [row] = await tx
      .update(publicLanguages)
      .set({ ...changes, updatedBy: ctx.actor.id, updatedAt: new Date(), version: current.version + 1 })
      .where(eq(publicLanguages.code, code))
      .returning();
    await recordAudit(tx, ctx.actor, {
      action: 'public_language.updated',
      entityType: 'public_language',
      entityId: code,
      before: toLanguageDto(current),
      after: toLanguageDto(row!),
    });
    return row!;
  });
  await ctx.store.refresh();
  return toLanguageDto(updated);
}
