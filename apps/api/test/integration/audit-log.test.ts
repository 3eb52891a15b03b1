import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, userWithRoles } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await userWithRoles(t, ['staff']); // writes audit rows (user created, login)
});
afterAll(async () => {
  await t.close();
});

describe('the audit log on PostgreSQL', () => {
  it('refuses UPDATE', async () => {
    await expect(t.database.pool!.query("update audit_log set action = 'tampered'")).rejects.toThrow(
      /append-only/,
    );
  });
  it('refuses DELETE', async () => {
    await expect(t.database.pool!.query('delete from audit_log')).rejects.toThrow(/append-only/);
  });
  it('refuses TRUNCATE', async () => {
    await expect(t.database.pool!.query('truncate audit_log')).rejects.toThrow(/append-only/);
  });
  it('keeps what was written', async () => {
    const { rows } = await t.database.pool!.query('select count(*)::int as n from audit_log');
    expect(rows[0].n).toBeGreaterThan(0);
  });
});
