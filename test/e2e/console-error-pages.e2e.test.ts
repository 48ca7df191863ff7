import type { Page } from 'playwright-core';
import type { TestApp } from '../support/app';
import type { TestBrowser } from './support/browser';
import { PHONE, shootBothWidths } from './support/screens';
import { createUsers, GD_MONITOR, logInThroughForm, startAppAndBrowser } from './support/session';

// An unknown path long enough to overflow a phone unless the page wraps it (the message echoes up to 200 characters).
const LONG = `/console/${'a'.repeat(180)}`;

/**
 * Outside trial: an unknown console path with an odd or undecodable query showed a bare page on a phone (no header,
 * no navigation, no viewport). Now every 404/400 keeps the layout, at 390 px without sideways scrolling.
 */
describe('console 404/400 pages on a phone (headless Chromium)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    [t, browser] = await startAppAndBrowser();
    await createUsers(t, [GD_MONITOR]);
    page = await browser.page();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a logged-in user keeps the header and navigation, and the page fits 390 px', async () => {
    await logInThroughForm(
      browser,
      page,
      `${t.url}/console`,
      GD_MONITOR.username,
      'gd-monitor-pass-1',
      /\/console$/,
    );
    const cases: [string, number, string][] = [
      ['/console/nonexistent?x[]=1&x[]=2&x=3', 404, '未找到'],
      ['/console/nonexistent?page=%E0%A4%A', 400, '请求有误'],
      ['/console/incidents?page=%', 400, '请求有误'],
      [LONG, 404, '未找到'],
    ];
    for (const [path, status, heading] of cases) {
      await page.setViewportSize(PHONE);
      const res = await page.goto(`${t.url}${path}`);
      expect([path, res!.status()]).toEqual([path, status]);
      await expect(page.locator('.error-page h1').textContent()).resolves.toBe(heading);
      await expect(page.locator('.user-name').textContent()).resolves.toBe('陈静');
      expect(await page.locator('nav.nav a').count()).toBeGreaterThan(3);
      expect([path, await shootBothWidths(page, `error-${status}-user`)]).toEqual([path, 0]);
    }
    // the way back: the nav leads to a working page
    await Promise.all([
      page.waitForURL(/\/console\/incidents$/),
      page.click('nav.nav a[href="/console/incidents"]'),
    ]);
  });

  it('a visitor gets the public layout, fitting 390 px, with the way to the login form', async () => {
    await browser.context.clearCookies();
    for (const [path, status] of [
      ['/console/nonexistent?a=1&a=2', 404],
      ['/console/bureaus?open=%E0%A4%A', 400],
      [LONG, 404],
    ] as [string, number][]) {
      await page.setViewportSize(PHONE);
      const res = await page.goto(`${t.url}${path}`);
      expect([path, res!.status()]).toEqual([path, status]);
      await expect(page.locator('.public-body .error-page .status').textContent()).resolves.toBe(
        String(status),
      );
      expect([path, await shootBothWidths(page, `error-${status}-visitor`)]).toEqual([path, 0]);
    }
    await Promise.all([page.waitForURL(/\/login$/), page.click('.error-page a[href="/login"]')]);
  });
});
