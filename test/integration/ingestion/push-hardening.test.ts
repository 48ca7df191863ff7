import * as iconv from 'iconv-lite';
import { UsersService } from '../../../src/auth/users.service';
import { ClassificationWorker } from '../../../src/classification/classification.worker';
import { PushSecrets } from '../../../src/sources/push-secrets';
import { SourcesService } from '../../../src/sources/sources.service';
import { TestApp } from '../../support/app';
import { json } from '../../support/http';
import { ingestionApp } from './support';

/** Issue 12 on the push API: bad bytes, NUL, and pushes that try to leave the pusher's scope. */
describe('push API hardening (issue 12)', () => {
  let t: TestApp;
  let sourceId: string;
  let secret: string;

  const endpoint = () => `${t.url}/api/ingest/items`;
  const signed = (body: Buffer | string, contentType = 'application/json') => {
    const ts = String(Math.floor(t.clock.now().getTime() / 1000));
    return fetch(endpoint(), {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-yuqing-source': sourceId,
        'x-yuqing-timestamp': ts,
        'x-yuqing-signature': `sha256=${PushSecrets.sign(secret, ts, body)}`,
      },
      body,
    });
  };
  const tokenFor = async (username: string, role: 'monitor' | 'admin', bureauCode: string) => {
    await t.get(UsersService).create({ username, role, bureauCode }, null);
    return (await t.get(UsersService).createToken(username, username, null)).token;
  };
  const pushWithToken = (token: string, body: unknown) =>
    fetch(endpoint(), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await ingestionApp();
    const created = await t
      .get(SourcesService)
      .create({ name: '广东厂商推送', kind: 'push', bureauCode: '44', authorityTier: 'social' }, null);
    sourceId = created.id;
    secret = created.pushSecret!;
  });
  afterAll(() => t.close());

  it('issue 12 point 8: a NUL (or a lone surrogate) in a pushed field rejects that item only, naming the field', async () => {
    const res = await signed(
      JSON.stringify({
        items: [
          { id: 'n-1', title: '正常的一条', text: '好' },
          { id: 'n-2', title: '标\u0000题', text: 'x' },
          { id: 'n-3', title: 't', text: '正\u0000文' },
          { id: 'n-4', title: 't', html: '<p>\u0000</p>' },
          { id: 'n-5', title: 't', text: 'x', author: 'a\u0000b' },
          { id: 'n-6', title: 't', text: 'x', url: 'https://ex.cn/\u0000' },
          { id: 'n\u0000-7', title: 't', text: 'x' },
          { id: 'n-8', title: 't', text: '\ud800 落单的代理' },
        ],
      }),
    );
    expect(res.status).toBe(200);
    const r = await json(res);
    expect(r).toMatchObject({ accepted: 1, rejected: 7 });
    const fields = r.items.slice(1).map((i: { errors: { field: string }[] }) => i.errors.map((e) => e.field));
    expect(fields).toEqual([['title'], ['text'], ['html'], ['author'], ['url'], ['id'], ['text']]);
    expect(r.items[1].errors[0].message).toContain('NUL');
    const rows = await t.ds.query(
      `SELECT title FROM items WHERE source_id = $1 AND dedupe_key LIKE 'p:n-%'`,
      [sourceId],
    );
    expect(rows).toEqual([{ title: '正常的一条' }]);
  });

  it('issue 12 point 11: GBK bytes are refused unless declared, then decoded; invalid UTF-8 is refused', async () => {
    const body = JSON.stringify({ items: [{ id: 'g-1', title: '办税服务厅排长队', text: '群众反映' }] });
    const undeclared = await signed(iconv.encode(body, 'gbk'));
    expect(undeclared.status).toBe(400);
    expect(await json(undeclared)).toMatchObject({ code: 'PUSH_BAD_ENCODING' });
    const broken = await signed(
      Buffer.concat([Buffer.from(body.slice(0, -4)), Buffer.from([0xc3, 0x28]), Buffer.from(']}')]),
    );
    expect(broken.status).toBe(400);
    expect((await json(broken)).message).toContain('UTF-8');
    const unknown = await signed(Buffer.from(body), 'application/json; charset=x-klingon');
    expect(unknown.status).toBe(400);
    expect((await json(unknown)).code).toBe('PUSH_UNSUPPORTED_CHARSET');
    expect(await t.ds.query(`SELECT 1 FROM items WHERE dedupe_key = 'p:g-1'`)).toHaveLength(0);

    const declared = await signed(iconv.encode(body, 'gbk'), 'application/json; charset=GBK');
    expect(declared.status).toBe(200);
    expect(await json(declared)).toMatchObject({ accepted: 1 });
    const [row] = await t.ds.query(`SELECT title, content_text FROM items WHERE dedupe_key = 'p:g-1'`);
    expect(row).toEqual({ title: '办税服务厅排长队', content_text: '群众反映' });
  });

  it('issue 12 point 5: items a provincial monitor pushes through a national source stay in its province', async () => {
    const national = await t
      .get(SourcesService)
      .create({ name: '全国平台推送', kind: 'push', bureauCode: null, authorityTier: 'social' }, null);
    const zj = await tokenFor('zj-pusher', 'monitor', '33');
    const hq = await tokenFor('hq-pusher', 'admin', '00');
    const text = '广东省深圳市税务局工作人员殴打纳税人，现场多人受伤，群众非常愤怒';
    const item = (id: string) => ({ id, title: '深圳市税务局工作人员打人', text });
    expect((await pushWithToken(zj, { sourceId: national.id, items: [item('s-zj')] })).status).toBe(200);
    expect((await pushWithToken(hq, { sourceId: national.id, items: [item('s-hq')] })).status).toBe(200);
    await t.get(ClassificationWorker).runOnce();

    const rows: {
      key: string;
      bureau_code: string | null;
      path: string | null;
      reasons: { rule: string }[];
    }[] = await t.ds.query(
      `SELECT i.dedupe_key AS key, i.bureau_code, b.path, i.reasons FROM items i
           LEFT JOIN bureaus b ON b.code = i.bureau_code WHERE i.source_id = $1 ORDER BY i.dedupe_key`,
      [national.id],
    );
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    // headquarters may report on anyone: the text decides (Shenzhen, a separately planned city under HQ)
    expect(byKey['p:s-hq'].bureau_code).toMatch(/^4403/);
    // Zhejiang's monitor cannot put an incident on Shenzhen's desk: the item stays with Zhejiang, and says why
    expect(byKey['p:s-zj'].bureau_code).toBe('33');
    expect(byKey['p:s-zj'].reasons.map((r) => r.rule)).toContain('region.push_scope');
  });
});
