import type { Page } from 'playwright-core';
import { IncidentGrouper } from '../../src/incidents/incident-grouper';
import { TestApp } from '../support/app';
import { randomStory, prng, seedItems, seedSources } from '../integration/incidents/incident-fixtures';
import { TestBrowser } from './support/browser';
import { shootBothWidths } from './support/screens';
import { createUsers, GD_MONITOR, logInThroughForm, startAppAndBrowser } from './support/session';

/** Issue 13: a monitor works the queue in bulk, in real headless Chromium against the whole application. */
describe('queue bulk actions (headless Chromium)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  const ids: string[] = [];

  const TITLES = [
    '天河办税服务厅排队三小时',
    '珠海税务稽查被指粗暴执法',
    '佛山个税退税到账慢',
    '韶关税务短信被冒用诈骗',
    '北京朝阳区办税大厅空调坏了',
    '长春朝阳区税务局电话无人接听',
  ];
  const BUREAUS = ['440106', '4404', '4406', '4402', '110105', '220104'];

  beforeAll(async () => {
    [t, browser] = await startAppAndBrowser();
    await createUsers(t, [
      GD_MONITOR,
      {
        username: 'hq-monitor',
        displayName: '李娜',
        role: 'monitor',
        bureauCode: '00',
        password: 'hq-monitor-pass-1',
      },
    ]);
    const [src] = await seedSources(t.ds, 1, 'social');
    const rnd = prng(13);
    const items = await seedItems(
      t.ds,
      TITLES.map((title, k) => ({
        sourceId: src,
        ingestedAt: t.clock.now(),
        title,
        text: randomStory(rnd),
        bureauCode: BUREAUS[k],
        category: '服务态度与效率',
      })),
    );
    await t.get(IncidentGrouper).runOnce(100);
    for (const item of items) {
      const [row] = await t.ds.query(`SELECT incident_id::text AS id FROM items WHERE id = $1`, [item]);
      ids.push(row.id);
    }
    page = await browser.page();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const queueIds = () =>
    page
      .locator('#queue tbody tr[data-id]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));

  it('a monitor ticks three incidents and dismisses them with one reason; each gets its own audit event', async () => {
    await logInThroughForm(
      browser,
      page,
      `${t.url}/console/incidents`,
      'gd-monitor',
      'gd-monitor-pass-1',
      /\/console\/incidents/,
    );
    expect(new Set(await queueIds())).toEqual(new Set(ids.slice(0, 4)));
    expect(await shootBothWidths(page, 'incident-queue-bulk')).toBe(0);
    await page.setViewportSize({ width: 1400, height: 900 });

    for (const id of ids.slice(0, 3)) await page.check(`#queue tr[data-id="${id}"] input[name=pick]`);
    await expect(page.locator('#bulk-count').innerText()).resolves.toBe('已勾选 3 个事件');
    await page.selectOption('#bulk-form select[name=op]', 'dismiss');
    await page.selectOption('#bulk-form select[name=reason]', '重复');
    await page.fill('#bulk-form input[name=comment]', '同一事件的重复报道');
    await Promise.all([page.waitForURL(/msg=/), page.click('#bulk-form button[type=submit]')]);

    await expect(page.locator('.flash').innerText()).resolves.toBe('已批量排除 3 个事件');
    expect(await queueIds()).toEqual([ids[3]]); // the default tab (待研判) keeps only the fourth
    const rows = await t.ds.query(
      `SELECT i.id::text AS id, i.status, i.dismiss_reason AS reason,
              (SELECT count(*)::int FROM incident_events e WHERE e.incident_id = i.id AND e.action = 'dismiss') AS events,
              (SELECT e.comment FROM incident_events e WHERE e.incident_id = i.id AND e.action = 'dismiss') AS comment
         FROM incidents i WHERE i.id = ANY($1::bigint[]) ORDER BY i.id`,
      [ids.slice(0, 4)],
    );
    const byId = new Map(rows.map((r: { id: string }) => [r.id, r]));
    for (const id of ids.slice(0, 3)) {
      expect(byId.get(id)).toEqual({
        id,
        status: 'dismissed',
        reason: '重复',
        events: 1,
        comment: '同一事件的重复报道',
      });
    }
    expect(byId.get(ids[3])).toMatchObject({ status: 'new', events: 0 });
  });

  it('reports each incident that could not be changed, and changes the rest', async () => {
    await page.goto(`${t.url}/console/incidents?status=all&sort=oldest`);
    await page.check(`#queue tr[data-id="${ids[1]}"] input[name=pick]`);
    await page.check(`#queue tr[data-id="${ids[3]}"] input[name=pick]`);
    // Someone else changes the fourth incident after the page was drawn: the version the user saw is stale.
    await t.ds.query(`UPDATE incidents SET version = version + 1 WHERE id = $1`, [ids[3]]);
    await page.selectOption('#bulk-form select[name=op]', 'confirm');
    await Promise.all([page.waitForURL(/err=/), page.click('#bulk-form button[type=submit]')]);
    await expect(page.locator('.alert-info.flash').innerText()).resolves.toBe('已批量确认 1 个事件');
    const err = await page.locator('.alert-error.flash').innerText();
    expect(err).toMatch(new RegExp(`^1 个事件未能确认：事件 #${ids[3]}：.*已被他人修改`));
    const back = new URL(page.url()).searchParams; // back to the same filters
    expect([back.get('status'), back.get('sort')]).toEqual(['all', 'oldest']);
    const rows = await t.ds.query(
      `SELECT id::text AS id, status FROM incidents WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [[ids[1], ids[3]]],
    );
    expect(rows).toEqual([
      { id: ids[1], status: 'confirmed' },
      { id: ids[3], status: 'new' },
    ]);
  });

  it('HQ sees units with their parent place, so 北京·朝阳区 and 长春·朝阳区 can be told apart', async () => {
    await logInThroughForm(
      browser,
      page,
      `${t.url}/console/incidents?status=all`,
      'hq-monitor',
      'hq-monitor-pass-1',
      /\/console\/incidents/,
    );
    await expect(page.locator(`#queue tr[data-id="${ids[4]}"] .unit`).innerText()).resolves.toBe(
      '北京·朝阳区',
    );
    await expect(page.locator(`#queue tr[data-id="${ids[5]}"] .unit`).innerText()).resolves.toBe(
      '长春·朝阳区',
    );
    await expect(page.locator(`#queue tr[data-id="${ids[1]}"] .unit`).innerText()).resolves.toBe(
      '广东·珠海市',
    );
  });
});
