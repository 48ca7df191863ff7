/**
 * The service as a user runs it: a real process on the embedded PostgreSQL (no DATABASE_URL), restarted, killed,
 * and used by the CLI while it runs.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { freePort } from '../../support/net';

const ROOT = resolve(__dirname, '../../..');

function serviceEnv(dataDir: string, port: number, pgPort: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    EMBEDDED_PG_PORT: String(pgPort),
    LOG_LEVEL: 'info',
    ADMIN_USERNAME: 'first-admin',
    ADMIN_PASSWORD: 'first-admin-pw',
    SCHEDULER_ENABLED: 'false',
    NODE_ENV: 'test',
  };
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  return env;
}

function startService(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function waitHealthy(port: number, child: ChildProcess, ms = 45_000): Promise<void> {
  const until = Date.now() + ms;
  let err = '';
  child.stderr?.on('data', (d) => (err += d));
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`service exited ${child.exitCode}: ${err}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/health`, { keepalive: false });
      if (r.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`service not healthy in time: ${err}`);
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done(child.exitCode);
    child.once('exit', (code) => done(code));
    child.kill(signal);
  });
}

/** A fresh connection per request: fetch's keep-alive pool would reuse a socket of the previous (stopped) process. */
function login(port: number, username: string, password: string): Promise<number> {
  const body = JSON.stringify({ username, password });
  return new Promise((done, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/auth/login',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

function postmasterPid(dataDir: string): number | null {
  const f = join(dataDir, 'postgres', 'postmaster.pid');
  return existsSync(f) ? Number(readFileSync(f, 'utf8').split('\n')[0]) : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the service process on its embedded PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'yuqing-svc-'));
  let port: number;
  let pgPort: number;
  let child: ChildProcess | null = null;

  beforeAll(async () => {
    port = await freePort();
    pgPort = await freePort();
  });
  afterAll(async () => {
    if (child) await stop(child);
    const pid = postmasterPid(dataDir);
    if (pid && alive(pid)) process.kill(pid, 'SIGINT');
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on an embedded database, creates the first admin, and serves /health', async () => {
    child = startService(serviceEnv(dataDir, port, pgPort));
    await waitHealthy(port, child);
    expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    expect(await login(port, 'first-admin', 'first-admin-pw')).toBe(200);
  }, 60_000);

  it('lets the CLI use the running server instead of starting a second one on the same folder', () => {
    const pidBefore = postmasterPid(dataDir);
    const r = spawnSync(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'src/cli.ts',
        'users:create',
        '--username',
        'cli-made',
        '--role',
        'monitor',
        '--bureau',
        '44',
        '--password',
        'cli-made-password',
      ],
      { cwd: ROOT, env: serviceEnv(dataDir, port, pgPort), encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ username: 'cli-made', role: 'monitor', bureauCode: '44' });
    expect(postmasterPid(dataDir)).toBe(pidBefore); // same server, still running
    expect(alive(pidBefore!)).toBe(true);
  }, 60_000);

  it('keeps the data across a restart, and stops its PostgreSQL on SIGTERM', async () => {
    const pg = postmasterPid(dataDir)!;
    expect(await login(port, 'cli-made', 'cli-made-password')).toBe(200);
    expect(await stop(child!)).toBe(0);
    expect(alive(pg)).toBe(false);
    child = startService(serviceEnv(dataDir, port, pgPort));
    await waitHealthy(port, child);
    expect(await login(port, 'cli-made', 'cli-made-password')).toBe(200);
  }, 60_000);

  it('recovers after being SIGKILLed (the orphaned postmaster is stopped and a new one started)', async () => {
    const orphan = postmasterPid(dataDir)!;
    await stop(child!, 'SIGKILL');
    expect(alive(orphan)).toBe(true); // postgres outlives a SIGKILLed parent
    child = startService(serviceEnv(dataDir, port, pgPort));
    await waitHealthy(port, child);
    expect(await login(port, 'cli-made', 'cli-made-password')).toBe(200);
    expect(alive(orphan)).toBe(false);
  }, 90_000);

  it('refuses to start on a bad setting, naming the variable', () => {
    const r = spawnSync(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...serviceEnv(dataDir, port, pgPort), PORT: 'eighty', SMTP_URL: 'http://nope' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/PORT \(given "eighty"\)/);
    expect(r.stderr).toMatch(/SMTP_URL/);
  }, 30_000);
});
