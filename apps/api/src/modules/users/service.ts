import type { Role, User } from '@nsp/contracts';
import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { iso } from '../../lib/iso.ts';
import { cursorKey, cursorPart, decodeCursor, pageOf } from '../../lib/pagination.ts';
import { hashPassword, passwordWeakness } from '../../lib/passwords.ts';
import { type AuditActor, recordAudit } from '../audit/audit-log.ts';
import { revokeAllForUser } from '../auth/session-tokens.ts';

export interface UsersContext {
  db: Database;
  actor: AuditActor;
}

type UserRow = typeof users.$inferSelect;

export function toUserDto(row: UserRow, now = new Date()): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles as Role[],
    active: row.active,
    lockedUntil: row.lockedUntil && row.lockedUntil > now ? iso(row.lockedUntil) : null,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** What the audit log keeps of a user: never the password hash. */
function auditView(row: UserRow) {
  return {
    email: row.email,
    name: row.name,
    roles: row.roles,
    active: row.active,
    lockedUntil: iso(row.lockedUntil),
  };
}

function assertStrongPassword(password: string, context: { email?: string; name?: string }): void {
  const weakness = passwordWeakness(password, context);
  if (weakness)
    throw new ValidationError(`The password ${weakness}.`, [
      { path: 'password', message: weakness, in: 'body' },
    ]);
}

export async function listUsers(ctx: UsersContext, query: { limit: number; cursor?: string | undefined }) {
  const after = decodeCursor(query.cursor, cursorKey(cursorPart.timestamp, cursorPart.uuid));
  const rows = await ctx.db
    .select()
    .from(users)
    .where(
      after
        ? or(
            gt(users.createdAt, new Date(after[0])),
            and(eq(users.createdAt, new Date(after[0])), gt(users.id, after[1])),
          )
        : undefined,
    )
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(query.limit + 1);
  const page = pageOf(rows, query.limit, (row) => [row.createdAt.toISOString(), row.id]);
  return { items: page.items.map((row) => toUserDto(row)), nextCursor: page.nextCursor };
}

export async function getUser(executor: Executor, id: string): Promise<UserRow> {
  const [row] = await executor.select().from(users).where(eq(users.id, id)).limit(1);
  if (!row) throw new NotFoundError(`No user ${id}.`);
  return row;
}

export async function createUser(
  ctx: UsersContext,
  input: { email: string; name: string; password: string; roles: Role[] },
): Promise<User> {
  assertStrongPassword(input.password, input);
  const passwordHash = await hashPassword(input.password);
  return withTransaction(ctx.db, async (tx) => {
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${input.email.toLowerCase()}`)
      .limit(1);
    if (existing) throw new ConflictError(`A user with e-mail ${input.email} already exists.`);
    const [row] = await tx
      .insert(users)
      .values({
        email: input.email.toLowerCase(),
        name: input.name,
        passwordHash,
        roles: [...new Set(input.roles)],
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, ctx.actor, {
      action: 'user.created',
      entityType: 'user',
      entityId: row.id,
      after: auditView(row),
    });
    return toUserDto(row);
  });
}

export async function updateUser(
  ctx: UsersContext,
  id: string,
  input: {
    name?: string | undefined;
    roles?: Role[] | undefined;
    active?: boolean | undefined;
    password?: string | undefined;
    unlock?: true | undefined;
  },
): Promise<User> {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return withTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, id)).limit(1).for('update');
    if (!before) throw new NotFoundError(`No user ${id}.`);
    // An administrator cannot lock themselves out: someone else must remove their admin role.
    if (ctx.actor.type === 'user' && ctx.actor.id === id) {
      if (input.active === false) throw new ConflictError('You cannot deactivate your own account.');
      if (input.roles !== undefined && before.roles.includes('admin') && !input.roles.includes('admin')) {
        throw new ConflictError('You cannot remove your own administrator role.');
      }
    }
    if (input.password) assertStrongPassword(input.password, before);
    const now = new Date();
    const [after] = await tx
      .update(users)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.roles !== undefined ? { roles: [...new Set(input.roles)] } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(passwordHash ? { passwordHash } : {}),
        ...(input.unlock ? { lockedUntil: null, failedLoginCount: 0, lastFailedLoginAt: null } : {}),
        updatedAt: now,
        version: sql`${users.version} + 1`,
      })
      .where(eq(users.id, id))
      .returning();
    if (!after) throw new NotFoundError(`No user ${id}.`);
    const rolesChanged =
      input.roles !== undefined && [...before.roles].sort().join() !== [...after.roles].sort().join();
    const action = rolesChanged
      ? 'user.roles_changed'
      : input.unlock
        ? 'user.unlocked'
        : input.active === false
          ? 'user.deactivated'
          : 'user.updated';
    await recordAudit(tx, ctx.actor, {
      action,
      entityType: 'user',
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
    // Deactivation, a new password or a loss of roles ends the user's sessions.
    if (input.active === false || passwordHash || rolesChanged) await revokeAllForUser(tx, id, now);
    return toUserDto(after);
  });
}

/** Creates the bootstrap administrator from NSP_ADMIN_EMAIL / NSP_ADMIN_PASSWORD when no user has that e-mail. */
export async function ensureBootstrapAdmin(
  db: Database,
  actor: AuditActor,
  email: string,
  password: string,
): Promise<boolean> {
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .limit(1);
  if (existing) return false;
  const passwordHash = await hashPassword(password);
  await withTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ email: email.toLowerCase(), name: 'Administrator', passwordHash, roles: ['admin'] })
      .onConflictDoNothing()
      .returning();
    if (row)
      await recordAudit(tx, actor, {
        action: 'user.bootstrap_admin_created',
        entityType: 'user',
        entityId: row.id,
        after: auditView(row),
      });
  });
  return true;
}
