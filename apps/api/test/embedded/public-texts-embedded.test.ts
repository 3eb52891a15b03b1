import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { publicTexts } from '../../src/db/schema/index.ts';
import { PublicCache } from '../../src/modules/public/public-cache.ts';
import { PublicTextStore } from '../../src/modules/public/text-store.ts';
import { eventually } from '../support/eventually.ts';

/**
 * Translations as data on the embedded database (PGlite), as the no-setup demo runs them: the seed
 * upsert and the triggers that announce changes over NOTIFY must work there too.
 */
let dataDir: string;
let database: DatabaseHandle;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'nsp-public-embedded-'));
  database = await openDatabase({ databaseUrl: undefined, dataDir });
  await applyMigrations(database);
});

afterAll(async () => {
  await database.close().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

describe('public texts on PGlite', () => {
  it('seeds the four languages, and drops a cached text when the table changes', async () => {
    const cache = new PublicCache({ database });
    await cache.start();
    const store = new PublicTextStore(database.db, cache);
    await store.seed();
    await store.seed(); // a second start changes nothing
    expect((await store.languages()).map((language) => language.code)).toEqual(['en', 'es', 'pt', 'pl']);
    expect((await store.translator('pl')).t('status.resolved')).toBe('Załatwione');

    await database.db
      .update(publicTexts)
      .set({ text: 'Cerrado' })
      .where(and(eq(publicTexts.key, 'status.closed'), eq(publicTexts.language, 'es')));
    await eventually(
      async () => (await store.translator('es')).t('status.closed') === 'Cerrado',
      3000,
      'the trigger notification to drop the cached texts',
    );
  });
});
