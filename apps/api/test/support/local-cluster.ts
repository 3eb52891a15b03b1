import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * Throw-away PostgreSQL clusters of our own (a primary and its streaming replica), for tests that
 * must not touch the shared server's configuration. PostgreSQL refuses to run as root, so when the
 * tests run as root every server command goes through `runuser -u postgres` and the folder belongs
 * to postgres.
 */

const run = promisify(execFile);
/** Debian's layout: /usr/lib/postgresql/<major>/bin, the newest major installed. */
function defaultBinaries(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)) : [];
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0] ?? '15';
  return path.join(root, newest, 'bin');
}
const binaries = process.env.NSP_TEST_PG_BIN ?? defaultBinaries();
const asRoot = userInfo().uid === 0;
// By absolute path: the test command may run with a PATH that has no sbin (a fresh clone's npm test).
const runuser =
  ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((candidate) => existsSync(candidate)) ??
  'runuser';

async function pgCommand(command: string, args: string[]): Promise<void> {
  const binary = path.join(binaries, command);
  const [file, fullArgs] = asRoot ? [runuser, ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
  await run(file, fullArgs, { timeout: 60_000 });
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface LocalCluster {
  dataDir: string;
  port: number;
  url: string;
}

export interface ReplicatedClusters {
  primary: LocalCluster;
  replica: LocalCluster;
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** Stops both servers (immediately) and deletes their folders; safe to call twice or after a failed start. */
  destroy(): Promise<void>;
}

const settings = (port: number, socketDir: string) => `
port = ${port}
listen_addresses = '127.0.0.1'
unix_socket_directories = '${socketDir}'
wal_level = replica
max_wal_senders = 5
hot_standby = on
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 16MB
max_connections = 60
`;

/**
 * initdb a primary (wal_level=replica, replication allowed from 127.0.0.1), start it, take a base
 * backup of it with `pg_basebackup -R` (which makes the copy a standby streaming from the primary)
 * and start that on another port.
 */
export async function startReplicatedClusters(): Promise<ReplicatedClusters> {
  const root = mkdtempSync(path.join(tmpdir(), 'nsp-replica-test-'));
  if (asRoot) chownSync(root, uidOf('postgres'), gidOf('postgres'));
  const primaryDir = path.join(root, 'primary');
  const replicaDir = path.join(root, 'replica');
  const started: string[] = [];
  const clusters = {
    primary: { dataDir: primaryDir, port: 0, url: '' },
    replica: { dataDir: replicaDir, port: 0, url: '' },
  };

  async function destroy() {
    for (const dataDir of started.splice(0).reverse()) {
      await pgCommand('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => {});
    }
    rmSync(root, { recursive: true, force: true });
  }

  try {
    clusters.primary.port = await freePort();
    await pgCommand('initdb', [
      '-D',
      primaryDir,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    appendFileSync(path.join(primaryDir, 'postgresql.conf'), settings(clusters.primary.port, root));
    appendFileSync(path.join(primaryDir, 'pg_hba.conf'), '\nhost replication all 127.0.0.1/32 trust\n');
    await pgCommand('pg_ctl', ['-D', primaryDir, '-l', path.join(root, 'primary.log'), '-w', 'start']);
    started.push(primaryDir);
    clusters.primary.url = `postgres://postgres@127.0.0.1:${clusters.primary.port}/postgres`;

    clusters.replica.port = await freePort();
    await pgCommand('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(clusters.primary.port),
      '-U',
      'postgres',
      '-D',
      replicaDir,
      '-R',
      '-X',
      'stream',
      '--no-sync',
    ]);
    // The copy carries the primary's settings; the later port line wins.
    appendFileSync(path.join(replicaDir, 'postgresql.conf'), `\nport = ${clusters.replica.port}\n`);
    await pgCommand('pg_ctl', ['-D', replicaDir, '-l', path.join(root, 'replica.log'), '-w', 'start']);
    started.push(replicaDir);
    clusters.replica.url = `postgres://postgres@127.0.0.1:${clusters.replica.port}/postgres`;
  } catch (error) {
    await destroy();
    throw error;
  }

  return {
    ...clusters,
    destroy,
    async caughtUp(timeoutMs = 15_000) {
      const primary = new pg.Client({ connectionString: clusters.primary.url });
      const replica = new pg.Client({ connectionString: clusters.replica.url });
      await primary.connect();
      await replica.connect();
      try {
        // The insert position, not the write position: the test primary commits asynchronously
        // (synchronous_commit = off), so the last commit may not have been written out yet.
        const { rows } = await primary.query<{ lsn: string }>(
          'select pg_current_wal_insert_lsn()::text as lsn',
        );
        const target = rows[0]!.lsn;
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const replayed = await replica.query<{ behind: boolean }>(
            'select pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn()) > 0 as behind',
            [target],
          );
          if (!replayed.rows[0]!.behind) return;
          if (Date.now() > deadline)
            throw new Error(`The replica did not replay up to ${target} in ${timeoutMs} ms`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await primary.end();
        await replica.end();
      }
    },
  };
}

function idOf(flag: '-u' | '-g', name: string): number {
  return Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
}
const uidOf = (name: string) => idOf('-u', name);
const gidOf = (name: string) => idOf('-g', name);
