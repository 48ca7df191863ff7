import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** Starts the run's PostgreSQL (see pg-server.ts) and hands its URL to the workers through the environment. */
export default async function globalSetup(): Promise<void> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', resolve(__dirname, 'pg-server.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
    cwd: resolve(__dirname, '../..'),
    env: { ...process.env, SWC_NODE_PROJECT: resolve(__dirname, '../../tsconfig.json') },
  });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/READY (\S+)/);
      if (m) ok(m[1]);
    });
    child.on('exit', (code) => fail(new Error(`test PostgreSQL exited with ${code}`)));
  });
  process.env.TEST_PG_URL = url;
  (globalThis as { __pgServer?: unknown }).__pgServer = child;
}
