import type { Role } from '@nsp/contracts';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import { seedDemoIntegrations } from './seed-integrations.ts';
import { withTransaction } from '../db/transaction.ts';
import { hashPassword } from '../lib/passwords.ts';
import type { AttachmentStorage } from '../modules/attachments/storage.ts';
import { recordAudit, systemActor } from '../modules/audit/audit-log.ts';
import { seedDemoAttachments } from './seed-attachments.ts';
import { seedDemoGeography } from './seed-geography.ts';
import { seedDemoMeetings } from './seed-meetings.ts';
import { seedDemoPriorities } from './seed-priorities.ts';
import { seedDemoPublicFeed } from './seed-public-feed.ts';
import { seedDemoRequests } from './seed-requests.ts';
import { seedDemoSara } from './seed-sara.ts';
import { seedDemoStaff } from './seed-staff.ts';

export const demoUsers: ReadonlyArray<{ role: Role; email: string; name: string }> = [
  { role: 'admin', email: 'admin@demo.example.org', name: 'Alex Admin' },
  { role: 'supervisor', email: 'supervisor@demo.example.org', name: 'Sgt. Dana Reyes' },
  { role: 'lieutenant', email: 'lieutenant@demo.example.org', name: 'Lt. Maria Kowalski' },
  { role: 'staff', email: 'staff@demo.example.org', name: 'CSO Jordan Silva' },
  { role: 'analyst', email: 'analyst@demo.example.org', name: 'Pat Analyst' },
];

export interface DemoSeedOptions {
  passwordFor: (role: Role) => string;
  timeZone: string;
  trackingPrefix?: string;
  /** Where demo photos go; without it the demo has no attachments. */
  attachmentStorage?: AttachmentStorage;
}

/**
 * Loads the demo data into an empty database (no users yet, or only a bootstrap admin) and
 * returns the demo users' credentials; returns null when the demo was already loaded.
 */
export async function seedDemoData(db: Database, options: DemoSeedOptions) {
  const [marker] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(users)
    .where(sql`${users.email} like '%@demo.example.org'`);
  if ((marker?.count ?? 0) > 0) {
    // Already loaded; the domain steps below are idempotent, so a start interrupted while
    // seeding finishes the job on the next start.
    await seedDomainData(db, options);
    return null;
  }

  const credentials = demoUsers.map((user) => ({
    role: user.role,
    email: user.email,
    password: options.passwordFor(user.role),
  }));
  const hashes = await Promise.all(credentials.map((c) => hashPassword(c.password)));
  await withTransaction(db, async (tx) => {
    const inserted = await tx
      .insert(users)
      .values(
        demoUsers.map((user, index) => ({
          email: user.email,
          name: user.name,
          roles: [user.role],
          passwordHash: hashes[index]!,
        })),
      )
      .returning({ id: users.id, email: users.email });
    for (const row of inserted) {
      await recordAudit(tx, systemActor, {
        action: 'user.created',
        entityType: 'user',
        entityId: row.id,
        after: { email: row.email, source: 'demo' },
      });
    }
  });
  const counts = await seedDomainData(db, options);
  return { credentials, counts: { users: credentials.length, ...counts } };
}

/**
 * Each domain seeds its own part, in dependency order (neighborhoods before their lieutenants
 * before requests); each step does nothing when its data is already there.
 */
async function seedDomainData(db: Database, options: DemoSeedOptions): Promise<Record<string, number>> {
  const geography = await seedDemoGeography(db);
  // Demo logins by e-mail and by role → user id, so personnel records can be linked to them.
  const logins = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(sql`${users.email} like '%@demo.example.org'`);
  const userIds: Record<string, string> = {};
  for (const login of logins) {
    userIds[login.email] = login.id;
    const role = demoUsers.find((user) => user.email === login.email)?.role;
    if (role) userIds[role] = login.id;
  }
  const staff = await seedDemoStaff(db, { users: userIds });
  const requests = await seedDemoRequests(db, {
    timeZone: options.timeZone,
    trackingPrefix: options.trackingPrefix,
  });
  const sara = await seedDemoSara(db);
  const meetingCounts = await seedDemoMeetings(db, { timeZone: options.timeZone });
  // After meetings and SARA: priorities are set at demo meetings and from a case.
  const priorities = await seedDemoPriorities(db);
  await seedDemoPublicFeed(db);
  const integrations = await seedDemoIntegrations(db, userIds.admin);
  const files = options.attachmentStorage ? await seedDemoAttachments(db, options.attachmentStorage) : {};
  return {
    ...geography,
    ...staff,
    ...requests,
    ...sara,
    ...meetingCounts,
    ...priorities,
    ...integrations,
    ...files,
  };
}
