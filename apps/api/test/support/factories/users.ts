import type { Role } from '@nsp/contracts';
import type { Executor } from '../../../src/db/client.ts';
import { users } from '../../../src/db/schema/index.ts';
import { type TestApp, type TestUser, userWithRoles } from '../test-app.ts';
import { unique } from './unique.ts';

export type Users = Record<Role, TestUser>;

const allRoles = ['admin', 'supervisor', 'lieutenant', 'staff', 'analyst'] as const satisfies readonly Role[];

/** One logged-in user per role, so a test can show who may and who may not. */
export async function usersByRole(t: TestApp): Promise<Users> {
  const byRole = {} as Users;
  for (const role of allRoles) byRole[role] = await userWithRoles(t, [role]);
  return byRole;
}

/** A user row without a usable password, for tests that only need a recipient, never a login. */
export async function insertUser(db: Executor, roles: Role[], active = true): Promise<string> {
  const [row] = await db
    .insert(users)
    .values({
      email: `${roles.join('-') || 'nobody'}-${unique()}@test.example.org`,
      name: `Test ${roles.join(' ')}`,
      passwordHash: 'not-a-hash: never logs in',
      roles,
      active,
    })
    .returning({ id: users.id });
  return row!.id;
}
