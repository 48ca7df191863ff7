import { request } from 'node:http';
import { rootLogger } from '../../../src/infrastructure/logging/logger';
import { PushIntake } from '../../../src/ingestion/push-intake';
import { PushSecrets } from '../../../src/sources/push-secrets';
import { SourcesService } from '../../../src/sources/sources.service';
import { createTestApp, TestApp } from '../../support/app';
import { json } from '../../support/http';

/** The push API under hostile or broken senders: nesting bombs, clients that hang up, the epoch as a date. */
describe('push: JSON depth before parsing, client aborts, the epoch date', () => {
  let t: TestApp;
  let sourceId: string;
  let secret: string;

  const headersFor = (body: string) => {
    const ts = String(Math.floor(t.clock.now().getTime() / 1000));
    return {
      'content-type': 'application/json',
      'x-yuqing-source': sourceId,
      'x-yuqing-timestamp': ts,
      'x-yuqing-signature': `sha256=${PushSecrets.sign(secret, ts, Buffer.from(body))}`,
    };
  };
  const push = (body: string) =>
    fetch(`${t.url}/api/ingest/items`, { method: 'POST', headers: headersFor(body), body });

  beforeAll(async () => {
    t = await createTestApp();
    const created = await t
      .get(SourcesService)
      .create({ name: '深层推送测试', kind: 'push', bureauCode: '44', authorityTier: 'social' }, null);
    sourceId = created.id;
    secret = created.pushSecret!;
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it('refuses items nested 200,000 deep with a 400 naming the 32-level limit, before parsing', async () => {
    const depth = 200_000;
    const parse = jest.spyOn(JSON, 'parse');
    const res = await push(`{"sourceId":"${sourceId}","items":[${'['.repeat(depth)}${']'.repeat(depth)}]}`);
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.code).toBe('PUSH_TOO_DEEP');
    expect(body.message).toContain('32 层');
    // The bomb never reached JSON.parse (which would build 200,000 arrays only to reject the item).
    expect(parse.mock.calls.some(([text]) => typeof text === 'string' && text.length > 100_000)).toBe(false);
  });

  it('counts nesting only outside strings: brackets inside a title are text, and 32 levels are allowed', async () => {
    const title = '['.repeat(100) + '{'.repeat(100) + '"\\"['.repeat(10);
    const ok = await push(JSON.stringify({ items: [{ id: 'deep-ok', title, text: '正文' }] }));
    expect(ok.status).toBe(200);
    expect(await json(ok)).toMatchObject({ accepted: 1 });

    // {items:[ X ]} is 2 levels; 30 more arrays make 32 (allowed), 31 more make 33 (refused).
    const nested = (n: number) => `{"items":[${'['.repeat(n)}${']'.repeat(n)}]}`;
    expect((await push(nested(30))).status).toBe(200);
    expect((await push(nested(31))).status).toBe(400);
  });

  it('a client hanging up mid-body is logged as an aborted push at info, not as an unhandled error', async () => {
    const info = jest.spyOn(rootLogger(), 'info');
    const error = jest.spyOn(rootLogger(), 'error');
    // Resolves on whichever of the two lines comes: the aborted-push note, or the bug's 'unhandled error'.
    const logged = new Promise<string>((resolve) => {
      const watch = (_: unknown, msg: unknown) => {
        if (msg === 'push request aborted by the client' || msg === 'unhandled error') resolve(String(msg));
      };
      info.mockImplementation(watch as never);
      error.mockImplementation(watch as never);
    });
    const body = `{"items":[{"id":"abort-1","title":"${'x'.repeat(10_000)}`;
    const u = new URL(t.url);
    const req = request({
      host: u.hostname,
      port: u.port,
      method: 'POST',
      path: '/api/ingest/items',
      headers: { ...headersFor(body), 'content-length': String(body.length + 50_000) },
    });
    req.on('error', () => undefined); // we are the client that hangs up
    req.write(body);
    // Hang up only once the server is reading this body (a condition, not a delay).
    const intake = t.get(PushIntake) as unknown as { reading: number };
    while (intake.reading === 0) await new Promise((r) => setImmediate(r));
    req.destroy();
    expect(await logged).toBe('push request aborted by the client');
    expect(error.mock.calls.some((c) => c[1] === 'unhandled error')).toBe(false);
  });

  it('says what is wrong with a publishedAt of the epoch, instead of "must be in 1900–2200"', async () => {
    const res = await push(
      JSON.stringify({
        items: [{ id: 'epoch-1', title: '纪元', text: 'x', publishedAt: '1970-01-01T00:00:00Z' }],
      }),
    );
    expect(res.status).toBe(200);
    const [item] = (await json(res)).items;
    expect(item.status).toBe('rejected');
    expect(item.errors[0].field).toBe('publishedAt');
    expect(item.errors[0].message).toContain('Unix 纪元零点');
    expect(item.errors[0].message).not.toContain('1900');
  });
});
