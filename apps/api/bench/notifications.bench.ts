import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { buildApp } from '../src/app.ts';
import { type AppConfig, loadConfig } from '../src/config.ts';
import { createLogger } from '../src/lib/logger.ts';
import { systemActor } from '../src/modules/audit/audit-log.ts';
import { createUser } from '../src/modules/users/service.ts';
import {
  createBenchDatabase,
  describeMachineLoad,
  ms,
  percentiles,
  print,
  table,
  timeMs,
} from './service-requests-bench-support.ts';

/**
 * Notifications: (1) how fast the outbox delivers requester e-mails through a real SMTP conversation
 * (an smtp-server on loopback that accepts everything), rendered from the templates, with the claim /
 * send / record steps; (2) what the inbox costs the header of every screen: the unread count and the
 * first inbox page of a user among many, with many notifications in the table.
 *
 *   npx tsx bench/notifications.bench.ts
 *   NSP_BENCH_MAILS=5000 NSP_BENCH_NOTIFICATIONS=500000 npx tsx bench/notifications.bench.ts
 */
const mails = Number(process.env.NSP_BENCH_MAILS ?? 2000);
const totalNotifications = Number(process.env.NSP_BENCH_NOTIFICATIONS ?? 200_000);
const users = Number(process.env.NSP_BENCH_USERS ?? 2000);
const samples = 300;

async function main() {
  print(`Machine: ${describeMachineLoad()}`);
  let accepted = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        accepted += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const database = await createBenchDatabase('nsp_bench_notify');
  const config: AppConfig = {
    ...loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATABASE_URL: database.url,
      NSP_DATA_DIR: '/tmp/nsp-bench',
      LOG_LEVEL: 'info',
      NSP_SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      NSP_PUBLIC_BASE_URL: 'https://nsp.bench.example',
    }),
    demoData: false,
    runJobs: false,
    loginRateLimit: 1_000_000,
  };
  const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  const app = await buildApp({ config, database: database.handle, logger: createLogger('info', sink) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const db = database.handle.db;
  try {
    // (1) Requester acknowledgements queued as intake queues them: request, created event, message, outbox row.
    await db.execute(sql`insert into service_types (code, name, description, sla)
      values ('bench', '{"en":"Bench","es":"Banco"}', '{"en":"Bench"}',
        '{"clock":"calendar","targets":{"P1":{"firstResponseHours":1,"resolutionHours":4},"P2":{"firstResponseHours":4,"resolutionHours":24},"P3":{"firstResponseHours":24,"resolutionHours":72},"P4":{"firstResponseHours":48,"resolutionHours":168}}}')`);
    await db.execute(sql`
      with requests as (
        insert into service_requests (tracking_number, service_code, channel, description, requester_email,
          requester_language, requester_email_updates, first_response_due_at, resolution_due_at, created_by_type)
        select 'BN-2026-' || lpad(n::text, 6, '0'), 'bench', 'phone', 'Bench request', 'r' || n || '@bench.example',
          (array['en','es','pt','pl'])[1 + n % 4], true, now() + interval '1 day', now() + interval '3 days', 'system'
        from generate_series(1, ${mails}) as n
        returning id, requester_language),
      events as (
        insert into request_events (request_id, actor_type, kind, visibility)
        select id, 'system', 'created', 'public' from requests returning id, request_id),
      messages as (
        insert into requester_messages (request_id, event_id, kind, language, outcome)
        select e.request_id, e.id, 'acknowledgement', r.requester_language, 'queued'
        from events e join requests r on r.id = e.request_id returning id)
      insert into notification_outbox (requester_message_id, channel) select id, 'email' from messages`);
    let runs = 0;
    const deliverMs = await timeMs(async () => {
      while (accepted < mails && runs < 1000) {
        await app.notifications.deliverNow();
        runs += 1;
      }
    });
    print(
      `\nDelivery of ${mails} requester acknowledgements over SMTP (loopback server, 4 sends at a time):`,
    );
    print(
      table(
        ['mails', 'accepted', 'delivery runs', 'total', 'mails/s', 'per mail'],
        [
          [
            String(mails),
            String(accepted),
            String(runs),
            ms(deliverMs),
            ((mails / deliverMs) * 1000).toFixed(0),
            ms(deliverMs / mails),
          ],
        ],
      ),
    );

    // (2) The inbox: many users, many notifications, one of them asking for their count and first page.
    const email = `bench-${randomBytes(4).toString('hex')}@bench.example.org`;
    const password = `Bench-${randomBytes(12).toString('base64url')}-Pw`;
    const me = await createUser(
      { db, actor: systemActor },
      { email, name: 'Bench supervisor', password, roles: ['supervisor'] },
    );
    await db.execute(sql`insert into users (email, name, password_hash, roles)
      select 'u' || n || '@bench.example', 'User ' || n, 'x', '{staff}' from generate_series(1, ${users - 1}) as n`);
    await db.execute(sql`
      insert into notifications (recipient_user_id, kind, title, body, dedupe_key, created_at, read_at)
      select all_users.ids[1 + n % cardinality(all_users.ids)], 'sla_breached', 'SLA breached', 'Bench', 'bench:' || n,
        now() - (n || ' seconds')::interval, case when n % 3 = 0 then null else now() end
      from generate_series(1, ${totalNotifications}) as n,
        (select array_agg(id order by id) as ids from users) as all_users`);
    await db.execute(sql`analyze notifications`);
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const headers = { authorization: `Bearer ${token}` };
    const measure = async (path: string) => {
      const times: number[] = [];
      for (let index = 0; index < samples; index += 1) {
        times.push(
          await timeMs(async () => {
            const reply = await fetch(`${baseUrl}${path}`, { headers });
            if (reply.status !== 200) throw new Error(`${path}: ${reply.status}`);
            await reply.arrayBuffer();
          }),
        );
      }
      return percentiles(times);
    };
    const mine = await db.execute(
      sql`select count(*)::int as n from notifications where recipient_user_id = ${me.id}`,
    );
    const count = await measure('/api/v1/notifications/unread-count');
    const page = await measure('/api/v1/notifications?limit=50');
    print(
      `\nInbox (${totalNotifications.toLocaleString('en-US')} notifications for ${users} users; this user has ${(mine as unknown as { rows: Array<{ n: number }> }).rows[0]?.n}), ${samples} sequential requests each:`,
    );
    print(
      table(
        ['route', 'p50', 'p95', 'max'],
        [
          ['GET /notifications/unread-count', ms(count.p50), ms(count.p95), ms(count.max)],
          ['GET /notifications?limit=50', ms(page.p50), ms(page.p95), ms(page.max)],
        ],
      ),
    );
  } finally {
    await app.close();
    await database.dispose();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
