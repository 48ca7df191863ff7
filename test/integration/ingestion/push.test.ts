import { UsersService } from '../../../src/auth/users.service';
import { PushSecrets } from '../../../src/sources/push-secrets';
import { json } from '../../support/http';
import { TestApp } from '../../support/app';
import { ingestionApp } from './support';

describe('push API: POST /api/ingest/items', () => {
  let t: TestApp;
  let admin: string;
  let sourceId: string;
  let secret: string;
  let token: string;

  const endpoint = () => `${t.url}/api/ingest/items`;
  const nowSeconds = () => String(Math.floor(t.clock.now().getTime() / 1000));
  const signed = (body: string, opts: { id?: string; ts?: string; key?: string } = {}) => {
    const ts = opts.ts ?? nowSeconds();
    return fetch(endpoint(), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-yuqing-source': opts.id ?? sourceId,
        'x-yuqing-timestamp': ts,
        'x-yuqing-signature': `sha256=${PushSecrets.sign(opts.key ?? secret, ts, body)}`,
      },
      body,
    });
  };

  beforeAll(async () => {
    t = await ingestionApp();
    admin = await t.userWithSession('push-admin', 'admin', '00');
    const res = await fetch(`${t.url}/api/sources`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '厂商推送', kind: 'push', bureauCode: '44', authorityTier: 'social' }),
    });
    expect(res.status).toBe(201);
    const created = await json(res);
    sourceId = created.id;
    secret = created.pushSecret;
    expect(secret).toMatch(/^ysp_/);
    await t.get(UsersService).create({ username: 'vendor-bot', role: 'monitor', bureauCode: '44' }, null);
    token = (await t.get(UsersService).createToken('vendor-bot', 'vendor', null)).token;
  });
  afterAll(() => t.close());

  it('shows the secret once: never in later reads, and the database does not hold it', async () => {
    const view = await json(await fetch(`${t.url}/api/sources/${sourceId}`, { headers: { cookie: admin } }));
    expect(view.pushSecret).toBeUndefined();
    expect(view.pushSecretPrefix).toBe(secret.slice(0, 10));
    const [row] = await t.ds.query(`SELECT * FROM sources WHERE id = $1`, [sourceId]);
    expect(JSON.stringify(row)).not.toContain(secret.slice(10));
  });

  it('accepts a signed batch, and reports duplicates and per-item errors', async () => {
    const body = JSON.stringify({
      items: [
        {
          id: 'w-1',
          title: '某地税务局办事大厅排长队',
          text: '群众反映等了三个小时',
          url: 'https://weibo.example.com/1?utm_source=x',
          author: '网友甲',
          publishedAt: '2026-11-02T08:30:00+08:00',
        },
        { id: 'w-2', title: '电子税务局又崩了', html: '<p>登录<b>失败</b></p>' },
        { id: 'w-1', title: '重复的一条', text: '同一个 id' },
        { title: '缺 id', text: 'x' },
        { id: 'w-3', title: 42, text: 'x', url: 'ftp://x', publishedAt: '2026-11-02 08:30', colour: 'red' },
        { id: 'w-4', title: 't', text: 'a', html: '<p>b</p>' },
        'not an object',
      ],
    });
    const res = await signed(body);
    expect(res.status).toBe(200);
    const r = await json(res);
    expect(r).toMatchObject({ sourceId, accepted: 2, duplicates: 1, rejected: 4 });
    expect(r.items.map((i: { status: string }) => i.status)).toEqual([
      'accepted',
      'accepted',
      'duplicate',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
    ]);
    const fields = (i: number) => r.items[i].errors.map((e: { field: string }) => e.field).sort();
    expect(fields(3)).toEqual(['id']);
    expect(fields(4)).toEqual(['colour', 'publishedAt', 'title', 'url']);
    expect(fields(5)).toEqual(['html']);
    expect(fields(6)).toEqual(['item']);

    const rows = await t.ds.query(
      `SELECT dedupe_key, title, content_text, url, author, published_at, status FROM items WHERE source_id = $1 ORDER BY id`,
      [sourceId],
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      dedupe_key: 'p:w-1',
      url: 'https://weibo.example.com/1',
      author: '网友甲',
      status: 'pending',
    });
    expect(new Date(rows[0].published_at).toISOString()).toBe('2026-11-02T00:30:00.000Z');
    expect(rows[1]).toMatchObject({ dedupe_key: 'p:w-2', content_text: '登录失败' });

    // the same batch again: idempotent by item id
    const again = await json(await signed(body));
    expect(again).toMatchObject({ accepted: 0, duplicates: 3, rejected: 4 });
    const [src] = await t.ds.query(`SELECT last_item_at FROM sources WHERE id = $1`, [sourceId]);
    expect(new Date(src.last_item_at)).toEqual(t.clock.now());
  });

  it('accepts a bearer token of a user who can see the source', async () => {
    const res = await fetch(endpoint(), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sourceId, items: [{ id: 'b-1', title: '令牌推送', text: '内容' }] }),
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ accepted: 1 });
    const noSource = await fetch(endpoint(), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ items: [] }),
    });
    expect(noSource.status).toBe(400);
    expect((await json(noSource)).code).toBe('PUSH_SOURCE_REQUIRED');
  });

  it('refuses a token of a role the permissions table does not let push (item.push), whatever its reach', async () => {
    for (const role of ['head', 'hq_analyst'] as const) {
      await t.get(UsersService).create({ username: `push-${role}`, role, bureauCode: '44' }, null);
      const other = (await t.get(UsersService).createToken(`push-${role}`, role, null)).token;
      const res = await fetch(endpoint(), {
        method: 'POST',
        headers: { authorization: `Bearer ${other}`, 'content-type': 'application/json' },
        body: JSON.stringify({ sourceId, items: [{ id: `r-${role}`, title: '推送', text: '内容' }] }),
      });
      expect(res.status).toBe(403);
      expect(await json(res)).toMatchObject({
        code: 'AUTH_ROLE_FORBIDDEN',
        message: expect.stringContaining('无权推送数据'),
      });
    }
  });

  it('refuses unsigned, badly signed, tampered, replayed and foreign pushes (401, 404)', async () => {
    const body = JSON.stringify({ items: [{ id: 'x-1', title: 't', text: 'x' }] });
    const unsigned = await fetch(endpoint(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(unsigned.status).toBe(401);
    const forged = await signed(body, { key: 'ysp_not-the-secret' });
    expect(forged.status).toBe(401);
    expect((await json(forged)).code).toBe('PUSH_BAD_SIGNATURE');
    const tampered = await fetch(endpoint(), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-yuqing-source': sourceId,
        'x-yuqing-timestamp': nowSeconds(),
        'x-yuqing-signature': `sha256=${PushSecrets.sign(secret, nowSeconds(), body)}`,
      },
      body: body.replace('x-1', 'x-2'),
    });
    expect(tampered.status).toBe(401);
    const old = String(Number(nowSeconds()) - 301);
    const replay = await signed(body, { ts: old });
    expect(replay.status).toBe(401);
    expect((await json(replay)).code).toBe('PUSH_STALE_TIMESTAMP');
    const unknownSource = await signed(body, { id: '999999' });
    expect(unknownSource.status).toBe(401);
    expect(
      (
        await json(
          await fetch(endpoint(), { method: 'POST', headers: { authorization: 'Bearer yst_forged' }, body }),
        )
      ).statusCode,
    ).toBe(401);

    // a monitor of another province cannot push into Guangdong's source
    await t.get(UsersService).create({ username: 'zj-bot', role: 'monitor', bureauCode: '33' }, null);
    const zj = (await t.get(UsersService).createToken('zj-bot', 'zj', null)).token;
    const foreign = await fetch(endpoint(), {
      method: 'POST',
      headers: { authorization: `Bearer ${zj}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sourceId, items: [] }),
    });
    expect(foreign.status).toBe(404);
    const [{ n }] = await t.ds.query(
      `SELECT count(*)::int AS n FROM items WHERE dedupe_key IN ('p:x-1','p:x-2')`,
    );
    expect(n).toBe(0);
  });

  it('refuses bodies over PUSH_MAX_BYTES and batches over 1,000 items with 413', async () => {
    const big = JSON.stringify({ items: [{ id: 'big', title: 't', text: '很'.repeat(2_000_000) }] }); // ~6 MB
    const tooBig = await signed(big);
    expect(tooBig.status).toBe(413);
    expect((await json(tooBig)).code).toBe('PUSH_TOO_LARGE');
    const many = JSON.stringify({
      items: Array.from({ length: 1001 }, (_, i) => ({ id: `m${i}`, title: 't', text: 'x' })),
    });
    const tooMany = await signed(many);
    expect(tooMany.status).toBe(413);
    expect((await json(tooMany)).code).toBe('PUSH_TOO_MANY_ITEMS');
    const bad = await signed('{"items": [');
    expect(bad.status).toBe(400);
    const thousand = JSON.stringify({
      items: Array.from({ length: 1000 }, (_, i) => ({ id: `k${i}`, title: `第${i}条`, text: 'x' })),
    });
    expect(await json(await signed(thousand))).toMatchObject({ accepted: 1000 });
  });
});
