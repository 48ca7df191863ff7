import { existsSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { placeEmbeddedPostgres } from './embedded-postgres-placement';

export interface EmbeddedServer {
  url: string;
  /** Stops the server if this process started it; a server adopted from another live process is left running. */
  stop(): Promise<void>;
  owned: boolean;
}

interface Options {
  dataDir: string; // cluster folder, e.g. ./.data/postgres
  port: number;
  log?: (msg: string) => void;
  /** Throwaway clusters (tests): no fsync. */
  ephemeral?: boolean;
  /** See embedded-postgres-placement.ts: where node_modules is searched from, and the root of copies for root. */
  resolveFrom?: string;
  reachableDir?: string;
}

const USER = 'postgres';
const PASSWORD = 'yuqing-embedded';
const OWNER_FILE = 'yuqing-owner.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** postmaster.pid lines: 1 pid, 2 data dir, 3 start time, 4 port. */
function readPostmaster(dataDir: string): { pid: number; port: number } | null {
  const file = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isFinite(pid) && pid > 0 ? { pid, port } : null;
}

async function waitGone(pid: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

function urlFor(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

/**
 * Starts (or adopts) a real PostgreSQL server from the `embedded-postgres` package in `dataDir`.
 *
 * - Runs as root by letting the package create and use a `postgres` system user (PostgreSQL refuses root), from
 *   binaries and a cluster folder that user can reach (embedded-postgres-placement.ts).
 * - If a postmaster is already running on this folder and the Node process that started it is alive (the service,
 *   while a CLI command runs), that server is used and left alone.
 * - If the starter died (SIGKILL), the orphan postmaster is stopped first: otherwise the package's start() fails with
 *   an unhelpful `undefined` rejection (../shared/STACK-NOTES.md).
 */
export async function startEmbeddedPostgres(opts: Options): Promise<EmbeddedServer> {
  const log = opts.log ?? (() => undefined);
  const { dataDir, modulePath } = placeEmbeddedPostgres({ ...opts, log });
  const running = readPostmaster(dataDir);
  if (running && alive(running.pid)) {
    const ownerFile = resolve(dataDir, OWNER_FILE);
    const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8')) : NaN;
    if (Number.isFinite(owner) && owner !== process.pid && alive(owner)) {
      log(`using the embedded PostgreSQL already running on port ${running.port} (started by pid ${owner})`);
      return { url: urlFor(running.port), owned: false, stop: async () => undefined };
    }
    log(`stopping orphaned embedded PostgreSQL (pid ${running.pid})`);
    process.kill(running.pid, 'SIGINT');
    await waitGone(running.pid, 15_000);
  }
  if (running && !alive(running.pid)) rmSync(resolve(dataDir, 'postmaster.pid'), { force: true });

  const { default: EmbeddedPostgres } = (await import(modulePath)) as typeof import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // C collation (fast, byte order) but a UTF-8 character classification: pg_trgm ignores Chinese characters
    // under LC_CTYPE=C, and the bureau and incident searches need trigrams of Chinese text.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--lc-ctype=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      ...(opts.ephemeral
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    onLog: (m: string) => log(m.trim()),
    onError: (m: unknown) => log(String(m)),
  });
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${dataDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(
      `embedded PostgreSQL did not start on port ${opts.port} (data ${dataDir}): ${String(e ?? 'exited early; is the port in use?')}`,
      { cause: e },
    );
  }
  writeFileSync(resolve(dataDir, OWNER_FILE), String(process.pid));
  return {
    url: urlFor(opts.port),
    owned: true,
    stop: async () => {
      rmSync(resolve(dataDir, OWNER_FILE), { force: true });
      await pg.stop();
    },
  };
}
