import { once } from 'node:events';
import { spawn } from 'node:child_process';
import { connect, createServer, Socket } from 'node:net';
import { ServerResponse } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { constants, createGzip } from 'node:zlib';
import { fetchFeed } from '../../../src/ingestion/fetch/feed-fetcher';
import { FeedServer, LOOPBACK, useFeedServer } from './feed-server';

const MB = 1024 * 1024;

/** Writes `total` bytes in 64 KiB chunks, respecting backpressure; resolves with what was handed to the socket. */
async function stream(res: ServerResponse, total: number, chunk: Buffer): Promise<number> {
  let sent = 0;
  while (sent < total && !res.destroyed) {
    sent += chunk.length;
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done).off('close', done);
          resolve();
        };
        res.on('drain', done).on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end();
  return sent;
}

/** The promise's value, or `fallback` after `ms` (the timer is cleared either way so Jest can exit). */
async function within<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// Jest does not run with --expose-gc; V8 can still hand out its gc function at runtime.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Peak of heap + ArrayBuffer memory while `fn` runs, above the level before it. */
async function peakMemoryDuring<T>(fn: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  collectGarbage(); // a clean baseline: earlier tests' garbage must not be collected mid-measurement and hide growth
  const base = used();
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, used())), 5);
  try {
    const result = await fn();
    peak = Math.max(peak, used());
    return { result, peakMb: (peak - base) / MB };
  } finally {
    clearInterval(timer);
  }
}

describe('feed fetcher: size caps and deadlines (real HTTP on 127.0.0.1)', () => {
  let srv: FeedServer;
  useFeedServer((s) => (srv = s));

  it('refuses early on a Content-Length above the cap, without reading the body', async () => {
    let sent = 0;
    const url = srv.route('/declared-50mb', async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': 50 * MB });
      sent = await stream(res, 50 * MB, Buffer.alloc(64 * 1024, 0x20));
    });
    const out = await fetchFeed(url, {}, LOOPBACK);
    expect(out).toMatchObject({ kind: 'error', errorKind: 'too_large', status: 200 });
    expect(out.kind === 'error' && out.message).toMatch(/Content-Length 52428800 exceeds 15728640/);
    await new Promise((r) => setTimeout(r, 50));
    expect(sent).toBeLessThan(20 * MB);
  });

  function chunked50Mb(path: string): { url: string; served: () => Promise<number> } {
    let done: Promise<number> = Promise.resolve(0);
    const url = srv.route(path, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>');
      done = stream(res, 50 * MB, Buffer.alloc(64 * 1024, 0x61));
    });
    return { url, served: () => done };
  }

  it('streams a 50 MB body without Content-Length and closes the socket just past the 15 MiB cap', async () => {
    const { url, served } = chunked50Mb('/chunked-50mb');
    expect(await fetchFeed(url, {}, LOOPBACK)).toMatchObject({
      kind: 'error',
      errorKind: 'too_large',
      message: 'body exceeds 15728640 bytes after decompression',
    });
    const sent = await served();
    console.log(
      `50 MB body, 15 MiB cap: the server handed ${(sent / MB).toFixed(1)} MB to the socket before it closed`,
    );
    expect(sent).toBeLessThan(30 * MB); // not drained to the end
  });

  it('keeps memory bounded by the cap, not by the body (50 MB body, 4 MiB cap)', async () => {
    const { url, served } = chunked50Mb('/chunked-50mb-small-cap');
    const { result, peakMb } = await peakMemoryDuring(() =>
      fetchFeed(url, {}, { ...LOOPBACK, maxBytes: 4 * MB }),
    );
    expect(result).toMatchObject({ kind: 'error', errorKind: 'too_large' });
    await served();
    console.log(`50 MB body, 4 MiB cap: peak heap+buffers +${peakMb.toFixed(1)} MB`);
    expect(peakMb).toBeLessThan(30); // buffering the body would need 50 MB
  });

  it('stops a gzip bomb (about 100 KB that inflates to 100 MB) at the cap after decompression', async () => {
    const gz = createGzip({ level: constants.Z_BEST_COMPRESSION });
    const parts: Buffer[] = [];
    gz.on('data', (c: Buffer) => parts.push(c));
    const zeros = Buffer.alloc(MB, 0x20);
    for (let i = 0; i < 100; i++) gz.write(zeros);
    gz.end();
    await once(gz, 'end');
    const bomb = Buffer.concat(parts);
    expect(bomb.length).toBeLessThan(MB);
    const url = srv.serve('/gzip-bomb', bomb, { 'content-encoding': 'gzip', 'content-length': bomb.length });
    const { result, peakMb } = await peakMemoryDuring(() => fetchFeed(url, {}, LOOPBACK));
    console.log(`gzip bomb, 15 MiB cap: peak heap+buffers +${peakMb.toFixed(1)} MB`);
    expect(result).toMatchObject({
      kind: 'error',
      errorKind: 'too_large',
      message: 'body exceeds 15728640 bytes after decompression',
    });
    expect(peakMb).toBeLessThan(48);
  });

  it('ends a body that never finishes with `timeout` within the deadline and closes the socket', async () => {
    let serverSawClose: Promise<unknown> = Promise.resolve();
    const url = srv.route('/dribble', (req, res) => {
      serverSawClose = once(req.socket, 'close');
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>');
      const timer = setInterval(() => res.write('a'), 100);
      res.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const out = await fetchFeed(url, {}, { ...LOOPBACK, totalTimeoutMs: 1_000 });
    const elapsed = Date.now() - started;
    expect(out).toEqual({
      kind: 'error',
      errorKind: 'timeout',
      status: 200,
      retryAfterSeconds: null,
      message: 'timed out after 1000 ms',
    });
    // Generous margin: this checks the deadline is enforced at all (no hang), not how fast.
    expect(elapsed).toBeLessThan(1_000 + 5_000);
    await expect(
      within(
        serverSawClose.then(() => 'closed'),
        5_000,
        'still open',
      ),
    ).resolves.toBe('closed');
  });

  it('ends a server that accepts the connection but never answers with `timeout`', async () => {
    const closes: Promise<unknown>[] = [];
    // The server reads (so it notices the client hanging up) but never writes a byte.
    const silent = createServer((s) => closes.push(once(s.resume(), 'close')));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const port = (silent.address() as { port: number }).port;
    try {
      const out = await fetchFeed(`http://127.0.0.1:${port}/feed`, {}, { ...LOOPBACK, totalTimeoutMs: 500 });
      expect(out).toMatchObject({ kind: 'error', errorKind: 'timeout', status: null });
      expect(closes.length).toBeGreaterThanOrEqual(1);
      await expect(closes[0]).resolves.toBeDefined();
    } finally {
      silent.close();
    }
  });

  it('ends a connect that never completes with the connect timeout', async () => {
    // A listener whose process is blocked never accepts; once its tiny backlog is full the kernel drops our SYNs.
    const script =
      "const s = require('net').createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () =>" +
      " process.stdout.write(s.address().port + '\\n', () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30000)));";
    const child = spawn(process.execPath, ['-e', script]);
    const fillers: Socket[] = [];
    try {
      const [line] = (await once(child.stdout, 'data')) as [Buffer];
      const port = Number(String(line).trim());
      for (let i = 0; i < 4; i++) fillers.push(connect(port, '127.0.0.1').on('error', () => undefined));
      await new Promise((r) => setTimeout(r, 200));
      const out = await fetchFeed(
        `http://127.0.0.1:${port}/feed`,
        {},
        { ...LOOPBACK, connectTimeoutMs: 500 },
      );
      expect(out).toEqual({
        kind: 'error',
        errorKind: 'timeout',
        status: null,
        retryAfterSeconds: null,
        message: 'connect timed out after 500 ms',
      });
    } finally {
      fillers.forEach((f) => f.destroy());
      child.kill('SIGKILL');
    }
  });

  it('reports a refused connection as a network error', async () => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    const out = await fetchFeed(`http://127.0.0.1:${port}/feed`, {}, LOOPBACK);
    expect(out).toMatchObject({ kind: 'error', errorKind: 'network', status: null });
    expect(out.kind === 'error' && out.message).toMatch(/ECONNREFUSED/);
  });

  it('reports a corrupt gzip body as a parse error', async () => {
    const url = srv.serve('/bad-gzip', Buffer.from('this is not gzip at all'), {
      'content-encoding': 'gzip',
    });
    expect(await fetchFeed(url, {}, LOOPBACK)).toMatchObject({
      kind: 'error',
      errorKind: 'parse',
      status: 200,
    });
  });
});
