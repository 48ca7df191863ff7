import { SourcesService } from '../../../src/sources/sources.service';
import { createTestApp, TestApp } from '../../support/app';

/**
 * Outside trial, point 2: the source detail page offers 保存修改 / 暂停 / 删除 exactly when the POST behind them would
 * be allowed — the same can('source.manage') on the source's bureau (a national source is HQ's).
 */
describe('source detail page: controls follow source.manage on the source (real HTTP)', () => {
  let t: TestApp;
  let national: string;
  let guangzhou: string;
  let gzAdmin: string;
  let hqAdmin: string;

  beforeAll(async () => {
    t = await createTestApp();
    const sources = t.get(SourcesService);
    national = (
      await sources.create(
        { name: '人民网', url: 'https://people.example.com/rss', authorityTier: 'central' },
        null,
      )
    ).id;
    guangzhou = (
      await sources.create(
        { name: '广州日报', url: 'https://gz.example.com/rss', bureauCode: '4401', authorityTier: 'local' },
        null,
      )
    ).id;
    gzAdmin = await t.userWithSession('gz-admin', 'admin', '4401');
    hqAdmin = await t.userWithSession('hq-admin', 'admin', '00');
  });
  afterAll(() => t?.close());

  const detail = async (cookie: string, id: string) => {
    const res = await fetch(`${t.url}/console/sources/${id}`, { headers: { cookie, accept: 'text/html' } });
    expect(res.status).toBe(200);
    return res.text();
  };
  const controls = (html: string) => ({
    save: html.includes('保存修改'),
    pause: html.includes('name="op" value="pause"'),
    remove: html.includes('name="op" value="delete"'),
  });
  const none = { save: false, pause: false, remove: false };
  const all = { save: true, pause: true, remove: true };

  it('a city admin reads a national source without controls, and manages its own', async () => {
    expect(controls(await detail(gzAdmin, national))).toEqual(none);
    expect(controls(await detail(gzAdmin, guangzhou))).toEqual(all);
    expect(controls(await detail(hqAdmin, national))).toEqual(all);
  });

  it('the POST refuses the national source in the table’s Chinese words, and the page matched it', async () => {
    const res = await fetch(`${t.url}/console/sources/${national}`, {
      method: 'POST',
      headers: { cookie: gzAdmin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams({ op: 'pause' }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('管理信息源须由总局办理');
    expect(html).not.toContain('outside your bureau subtree');
    expect(await t.ds.query(`SELECT enabled FROM sources WHERE id = $1`, [national])).toEqual([
      { enabled: true },
    ]);
  });
});
