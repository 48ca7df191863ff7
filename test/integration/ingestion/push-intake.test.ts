import { connect } from 'node:net';
import { IngestionConfig } from '../../../src/ingestion/ingestion.config';
import { PushSecrets } from '../../../src/sources/push-secrets';
import { SourcesService } from '../../../src/sources/sources.service';
import { TestApp } from '../../support/app';
import { ingestionApp } from './support';

interface Outcome {
  status: number | null;
  code: string | null;
  closedByServer: boolean;
  retryAfter: string | null;
}

/**
 * A push whose sender stops after part of its body and waits: it reports the answer (if any) and whether the server
 * closed the connection. `guardMs` only ends a test that would otherwise hang; nothing asserts on time.
 */
function stalledPush(
  url: string,
  headers: Record<string, string>,
  declared: number,
  sent: number,
  guardMs = 15_000,
) {
  const { hostname, port } = new URL(url);
  return new Promise<Outcome>((resolve) => {
    const socket = connect(Number(port), hostname);
    let raw = '';
    const done = (closedByServer: boolean) => {
      clearTimeout(guard);
      socket.destroy();
      const head = raw.split('\r\n\r\n')[0];
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1]) || null,
        code: /"code":"([A-Z_]+)"/.exec(raw)?.[1] ?? null,
        closedByServer,
        retryAfter: /\r\nretry-after: *(\S+)/i.exec(head)?.[1] ?? null,
      });
    };
    const guard = setTimeout(() => done(false), guardMs);
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (raw += d));
    socket.on('end', () => done(true));
    socket.on('error', () => done(true));
    socket.on('connect', () => {
      const lines = Object.entries({
        'content-type': 'application/json',
        ...headers,
        'content-length': String(declared),
      });
      socket.write(
        `POST /api/ingest/items HTTP/1.1\r\nHost: ${hostname}\r\n${lines.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`,
      );
      socket.write(`{"items":[${' '.repeat(Math.max(0, sent - 10))}`);
    });
  });
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

describe('issue 12 point 6: push bodies are never buffered before authentication, and their number is capped', () => {
  let t: TestApp;
  let sourceId: string;
  let secret: string;
  const nowSeconds = () => String(Math.floor(t.clock.now().getTime() / 1000));

  beforeAll(async () => {
    t = await ingestionApp();
    const created = await t
      .get(SourcesService)
      .create({ name: '慢速推送', kind: 'push', bureauCode: '44', authorityTier: 'social' }, null);
    sourceId = created.id;
    secret = created.pushSecret!;
  });
  afterAll(() => t.close());

  it('issue 12 point 6: 100 stalled anonymous pushes get 401 on their headers and are disconnected, bodies unread', async () => {
    const before = process.memoryUsage();
    const declared = t.get(IngestionConfig).PUSH_MAX_BYTES;
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        stalledPush(t.url, i % 2 ? { authorization: 'Bearer yst_forged-token' } : {}, declared, 16 * 1024),
      ),
    );
    const after = process.memoryUsage();
    console.log(
      `issue 12 point 6: 100 stalled anonymous pushes: rss ${mb(before.rss)} → ${mb(after.rss)}, heap ${mb(
        before.heapUsed,
      )} → ${mb(after.heapUsed)}`,
    );
    expect(outcomes.filter((o) => o.status === 401 && o.closedByServer)).toHaveLength(100);
    expect(new Set(outcomes.map((o) => o.code))).toEqual(new Set(['PUSH_UNAUTHENTICATED', 'AUTH_REQUIRED']));
  });

  it('issue 12 point 6: at most PUSH_MAX_CONCURRENT_BODIES bodies are read (503 + Retry-After), slow senders get 408', async () => {
    Object.assign(t.get(IngestionConfig), { PUSH_MAX_CONCURRENT_BODIES: 3, PUSH_BODY_TIMEOUT_MS: 1500 });
    // Headers that pass every header check (a real push source, a fresh timestamp); the signature is checked only
    // once the body is in, which these senders never finish.
    const headers = () => ({
      'x-yuqing-source': sourceId,
      'x-yuqing-timestamp': nowSeconds(),
      'x-yuqing-signature': `sha256=${'0'.repeat(64)}`,
    });
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => stalledPush(t.url, headers(), 1_000_000, 1024)),
    );
    const statuses = outcomes.map((o) => o.status).sort();
    expect(statuses).toEqual([408, 408, 408, 503, 503]);
    expect(outcomes.every((o) => o.closedByServer)).toBe(true);
    expect(outcomes.filter((o) => o.status === 503).map((o) => [o.code, o.retryAfter])).toEqual([
      ['PUSH_BUSY', '5'],
      ['PUSH_BUSY', '5'],
    ]);
    expect(outcomes.filter((o) => o.status === 408).map((o) => o.code)).toEqual(
      Array(3).fill('BODY_TIMEOUT'),
    );

    // the slots are free again: a complete, correctly signed push goes through
    const body = JSON.stringify({ items: [{ id: 'after-stall', title: '推送恢复', text: '正常' }] });
    const ts = nowSeconds();
    const ok = await fetch(`${t.url}/api/ingest/items`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-yuqing-source': sourceId,
        'x-yuqing-timestamp': ts,
        'x-yuqing-signature': `sha256=${PushSecrets.sign(secret, ts, body)}`,
      },
      body,
    });
    expect(ok.status).toBe(200);
  });
});
