/**
 * The CLI as a shell pipeline uses it (`npm run cli -- fetch <url> | wc -l`): a real process whose stdout is a pipe
 * that the reader drains slowly. Node queues what does not fit into the pipe, so a process.exit() right after the
 * last write used to drop the tail of the output (a 190-item feed printed 14–148 lines).
 */
import { spawn } from 'node:child_process';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { MAX_FEED_ITEMS } from '../../../src/ingestion/parser/feed-limits';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
// The most items a feed document gives: ~300 KB of output, far past a pipe's 64 KB buffer, which is what this measures.
const ITEMS = MAX_FEED_ITEMS;

/** The CLI as a real process (`npm run cli -- …`), its stdin, stdout and stderr piped. */
function spawnCli(argv: string[]) {
  return spawn(process.execPath, ['-r', '@swc-node/register', 'src/cli.ts', ...argv], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent' },
    stdio: 'pipe',
  });
}

/** Runs the CLI; reads its stdout one chunk at a time with a pause after each, as a busy `| …` consumer does. */
function runThroughSlowPipe(argv: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawnCli(argv);
  child.stdin.end();
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    // A slow consumer keeps the pipe full, so the writer still has output queued when its command returns.
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), 5);
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ code, out, err }));
  });
}

/** Runs the CLI with `stdin`, and closes its stdout after the first chunk, as `… | head -1` does. */
function runIntoClosingPipe(
  argv: string[],
  stdin: string,
): Promise<{ code: number | null; first: string; err: string }> {
  const child = spawnCli(argv);
  let first = '';
  let err = '';
  child.stdout.once('data', (d: Buffer) => {
    first = d.toString();
    child.stdout.destroy();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdin.on('error', () => undefined); // the CLI may end before it has read everything
  child.stdin.end(stdin);
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ code, first, err }));
  });
}

function bigFeed(): string {
  const items = Array.from(
    { length: ITEMS },
    (_, i) =>
      `<item><guid>item-${i}</guid><title>某市税务局第${i}号情况通报</title><link>https://example.cn/${i}</link>` +
      `<description>纳税人反映电子税务局无法登录，办税服务厅排长队，第${i}条。</description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>大</title>${items.join('')}</channel></rss>`;
}

describe('CLI output through a pipe', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const body = bigFeed();
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('issue 12 point 15: a 1,000-line output (300 KB) arrives whole through a pipe', async () => {
    const { code, out, err } = await runThroughSlowPipe(['fetch', url, '--allow-private']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.split('\n').filter((l) => l !== '');
    expect(lines.length).toBe(ITEMS);
    expect(JSON.parse(lines[ITEMS - 1]).guid).toBe(`item-${ITEMS - 1}`);
  }, 120_000);

  it('a reader that goes away (`| head -1`) ends the command quietly, exit 0, no EPIPE stack trace', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({ id: String(i), title: '', text: `税务局窗口推诿扯皮，第${i}次` }),
    ).join('\n');
    const { code, first, err } = await runIntoClosingPipe(['classify'], lines);
    expect(JSON.parse(first.split('\n')[0]).id).toBe('0');
    expect(err).toBe('');
    expect(code).toBe(0);
  }, 120_000);
});
