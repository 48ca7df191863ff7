import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { closeAgents } from '../../src/ingestion/fetch/dispatcher';
import { IngestionConfig } from '../../src/ingestion/ingestion.config';
import { SourcesService } from '../../src/sources/sources.service';
import { TestApp } from '../support/app';
import { TestBrowser } from './support/browser';
import { shootBothWidths } from './support/screens';
import { createUsers, logInThroughForm, startAppAndBrowser } from './support/session';

const ADMIN_PASSWORD = 'gd-admin-pass-1';
const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>测试税务新闻</title><link>http://example.com/</link>
${Array.from(
  { length: 3 },
  (_, i) =>
    `<item><title>测试条目 ${i + 1}：个税汇算提醒</title><link>http://example.com/a/${i + 1}</link>` +
    `<guid>t-${i + 1}</guid><pubDate>Thu, 03 Dec 2026 0${i}:00:00 GMT</pubDate><description>正文 ${i + 1}</description></item>`,
).join('\n')}
</channel></rss>`;

/** Issue 13: 信息源 management in real headless Chromium — add with 测试抓取, save, pause; a monitor cannot write. */
describe('sources management pages (headless Chromium)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let feedServer: Server;
  let feedUrl: string;

  beforeAll(async () => {
    feedServer = createServer((req, res) => {
      if (req.url === '/rss.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        res.end(RSS);
      } else {
        res.writeHead(404);
        res.end('not found');
      }
    });
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/rss.xml`;
    [t, browser] = await startAppAndBrowser();
    // The feed is served on loopback: let the fetcher reach it, as intranet deployments do with FETCH_ALLOW_PRIVATE.
    Object.assign(t.get(IngestionConfig), { FETCH_ALLOW_PRIVATE: true, FETCH_TIMEOUT_MS: 3000 });
    await createUsers(t, [
      {
        username: 'gd-admin',
        displayName: '林管理',
        role: 'admin',
        bureauCode: '44',
        password: ADMIN_PASSWORD,
      },
    ]);
    page = await browser.page();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await closeAgents();
    await new Promise((resolve) => feedServer?.close(resolve));
  });

  it('adds a source after a test fetch that shows the parsed items, then saves and pauses it', async () => {
    await logInThroughForm(
      browser,
      page,
      `${t.url}/console/sources`,
      'gd-admin',
      ADMIN_PASSWORD,
      '**/console/sources',
    );
    await Promise.all([
      page.waitForURL('**/console/sources/new'),
      page.click('a[href="/console/sources/new"]'),
    ]);
    await page.fill('#name', '测试税务新闻');
    await page.fill('#url', feedUrl);
    await page.selectOption('#authorityTier', 'provincial');
    await Promise.all([page.waitForLoadState('load'), page.click('button[value=test]')]);
    await page.waitForSelector('.test-fetch');
    const titles = await page.locator('.fetched li strong').allTextContents();
    expect(titles).toEqual([
      '测试条目 1：个税汇算提醒',
      '测试条目 2：个税汇算提醒',
      '测试条目 3：个税汇算提醒',
    ]);
    await expect(page.locator('.fetched li a').first().getAttribute('href')).resolves.toBe(
      'http://example.com/a/1',
    );
    // nothing saved yet, and the form kept what was typed
    expect(await t.get(SourcesService).list(null)).toHaveLength(0);
    await expect(page.inputValue('#url')).resolves.toBe(feedUrl);
    expect(await shootBothWidths(page, 'sources-test-fetch')).toBe(0);

    await page.setViewportSize({ width: 1400, height: 900 });
    await Promise.all([page.waitForURL(/\/console\/sources\/\d+\?msg=/), page.click('button[value=save]')]);
    const [saved] = await t.get(SourcesService).list(null);
    expect(saved).toMatchObject({ name: '测试税务新闻', url: feedUrl, bureauCode: '44', enabled: true });
    await expect(page.locator('.alert-info').textContent()).resolves.toBe('信息源已创建');

    await Promise.all([page.waitForURL(/msg=/), page.click('.row-actions button:has-text("暂停")')]);
    await expect(page.locator('#source-status').textContent()).resolves.toBe('已停用');
    expect((await t.get(SourcesService).get(null, saved.id)).enabled).toBe(false);
    await expect(page.locator('.row-actions button:has-text("恢复")').count()).resolves.toBe(1);
    expect(await shootBothWidths(page, 'sources-detail')).toBe(0);
  });

  it('shows a clear error when the test fetch fails, without saving', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${t.url}/console/sources/new`);
    await page.fill('#name', '坏地址');
    await page.fill('#url', feedUrl.replace('rss.xml', 'missing.xml'));
    await Promise.all([page.waitForLoadState('load'), page.click('button[value=test]')]);
    await expect(page.locator('.test-fetch-error').textContent()).resolves.toMatch(
      /测试抓取失败：HTTP 错误（HTTP 404）/,
    );
    expect(await t.get(SourcesService).list(null)).toHaveLength(1);
  });

  it('creates a push source showing its secret once, rotates it, and deletes it after confirmation', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${t.url}/console/sources/new`);
    await page.fill('#name', '微信推送');
    await page.selectOption('#kind', 'push');
    await Promise.all([page.waitForLoadState('load'), page.click('button[value=save]')]);
    const first = await page.locator('#push-secret').textContent();
    expect(first).toBeTruthy();
    await Promise.all([
      page.waitForLoadState('load'),
      page.click('.row-actions button:has-text("重置密钥")'),
    ]);
    const second = await page.locator('#push-secret').textContent();
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    await expect(page.locator('.alert-info').textContent()).resolves.toBe('密钥已重置，旧密钥立即失效');
    // reloading the page never shows the secret again
    const push = (await t.get(SourcesService).list(null)).find((s) => s.kind === 'push')!;
    await page.goto(`${t.url}/console/sources/${push.id}`);
    await expect(page.locator('#push-secret').count()).resolves.toBe(0);
    await page.check('.delete-form input[name=confirm]');
    await Promise.all([page.waitForURL(/\/console\/sources\?msg=/), page.click('.delete-form button')]);
    await expect(page.locator('.alert-info').textContent()).resolves.toBe('信息源已删除');
    expect((await t.get(SourcesService).list(null)).map((s) => s.name)).toEqual(['测试税务新闻']);
  });

  it('gives a monitor no edit controls and refuses its console POSTs', async () => {
    const [source] = await t.get(SourcesService).list(null);
    const cookie = await t.userWithSession('gd-monitor', 'monitor', '44');
    const list = await (await fetch(`${t.url}/console/sources`, { headers: { cookie } })).text();
    expect(list).toContain('测试税务新闻');
    expect(list).not.toContain('/console/sources/new');
    const detail = await fetch(`${t.url}/console/sources/${source.id}`, { headers: { cookie } });
    expect(detail.status).toBe(200);
    const body = await detail.text();
    expect(body).toContain('健康状况');
    expect(body).not.toContain('<form method="post" action="/console/sources/');
    expect(body).not.toContain('edit-source');
    const post = (path: string, form: Record<string, string>) =>
      fetch(`${t.url}${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
        redirect: 'manual',
      });
    for (const [path, form] of [
      [`/console/sources/${source.id}`, { op: 'resume' }],
      [`/console/sources/${source.id}`, { op: 'delete' }],
      [
        '/console/sources/new',
        { op: 'save', name: 'x', url: 'http://example.com/x', authorityTier: 'local' },
      ],
      ['/console/sources/new', { op: 'test', url: feedUrl }],
    ] as const) {
      expect({ path, op: form.op, status: (await post(path, form)).status }).toEqual({
        path,
        op: form.op,
        status: 403,
      });
    }
    expect((await t.get(SourcesService).get(null, source.id)).enabled).toBe(false);
    expect(await t.get(SourcesService).list(null)).toHaveLength(1);
    expect((await fetch(`${t.url}/console/sources/new`, { headers: { cookie } })).status).toBe(403);
  });
});
