import type { Page } from 'playwright-core';
import { MonthlyBulletinJob } from '../../src/statistics/bulletin/monthly-bulletin.job';
import { TestApp } from '../support/app';
import { seedContacts, seedMonth } from '../integration/statistics/seed-month';
import { TestBrowser } from './support/browser';
import { shootBothWidths } from './support/screens';
import { createUsers, GD_MONITOR, logInThroughForm, startAppAndBrowser } from './support/session';

/** 统计通报 in real headless Chromium: an HQ analyst's national view, a provincial monitor's own subtree only. */
describe('statistics pages (headless Chromium)', () => {
  let t: TestApp;
  let browser: TestBrowser;

  beforeAll(async () => {
    [t, browser] = await startAppAndBrowser();
    await seedMonth(t.ds);
    await seedContacts(t.ds);
    await createUsers(t, [
      {
        username: 'hq-analyst',
        displayName: '王分析',
        role: 'hq_analyst',
        bureauCode: '00',
        password: 'hq-analyst-pass-1',
      },
      GD_MONITOR,
    ]);
    await t.get(MonthlyBulletinJob).run('2026-10', { scopes: ['00', '44'] });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const login = (page: Page, username: string, password: string, next: string) =>
    logInThroughForm(browser, page, `${t.url}${next}`, username, password, (u) => u.pathname !== '/login');

  it('shows an HQ analyst the national bulletin with its charts, the ranking and the explanation tasks', async () => {
    const page = await browser.page();
    await login(page, 'hq-analyst', 'hq-analyst-pass-1', '/console/statistics?month=2026-10&scope=00');
    await expect(page.locator('h1').textContent()).resolves.toBe('2026年10月 国家税务总局负面舆情统计通报');
    await expect(page.locator('.nav a.active').textContent()).resolves.toBe('统计通报');
    const charts = page.locator('figure.chart svg');
    expect(await charts.count()).toBe(2);
    await expect(charts.first().isVisible()).resolves.toBe(true);
    const box = await charts.first().boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    // the bar chart names the provinces (rendered as SVG text by ECharts on the server)
    await expect(charts.first().locator('text', { hasText: '广东省' }).count()).resolves.toBeGreaterThan(0);
    const rows = page.locator('#ranking tbody tr');
    expect(await rows.count()).toBe(36);
    const gd = page.locator('#ranking tr[data-code="44"]');
    await expect(gd.locator('td.rank').textContent()).resolves.toBe('35');
    expect(await gd.locator('.flag').allTextContents()).toEqual(['排名靠后', '环比上升']);
    await expect(page.locator('#ranking tr[data-code="4403"] td.rank').textContent()).resolves.toBe('36');
    expect(await page.locator('#tasks tbody tr').count()).toBe(2);
    await expect(page.locator('.version-line').textContent()).resolves.toContain('第 1 版');
    // issue 13: headers and unit names stay on one line (wide tables scroll sideways instead), also on a phone
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 800 });
      // a string, evaluated in the page: this project's TypeScript has no DOM types
      const wrapped =
        (await page.evaluate(`[...document.querySelectorAll('.stats-table th, .stats-table td.unit')]
        .filter((el) => {
          const r = document.createRange();
          r.selectNodeContents(el);
          return new Set([...r.getClientRects()].map((q) => Math.round(q.top))).size > 1;
        })
        .map((el) => el.textContent.trim())`)) as string[];
      expect({ width, wrapped }).toEqual({ width, wrapped: [] });
      expect(await page.locator('#ranking td.unit').count()).toBe(36);
    }
    expect(await shootBothWidths(page, 'statistics-national')).toBe(0);
    await page.setViewportSize({ width: 1280, height: 800 });
    // drill down into Guangdong from the ranking
    await Promise.all([page.waitForURL(/scope=44/), gd.locator('a').click()]);
    expect(await page.locator('#ranking tbody tr').count()).toBe(20);
    await page.close();
  });

  it('prints the bulletin to PDF from the print view, one section per page', async () => {
    const page = await browser.page();
    await login(page, 'hq-analyst', 'hq-analyst-pass-1', '/console/statistics/print?month=2026-10&scope=44');
    expect(await page.locator('section.page').count()).toBe(8); // summary and charts, then one per table
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.no-print').isVisible()).resolves.toBe(false);
    const pdf = await page.pdf({
      path: '/tmp/yuqing-statistics.pdf',
      format: 'A4',
      landscape: true,
      printBackground: true,
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(8);
    await page.close();
  });

  it('shows a provincial monitor only its own subtree', async () => {
    const page = await browser.page();
    await login(page, 'gd-monitor', 'gd-monitor-pass-1', '/console/statistics?month=2026-10');
    await expect(page.locator('h1').textContent()).resolves.toBe(
      '2026年10月 国家税务总局广东省税务局负面舆情统计通报',
    );
    const codes = await page
      .locator('#ranking tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code')));
    expect(codes).toHaveLength(20);
    expect(codes.every((c) => c!.startsWith('44') && c!.length === 4)).toBe(true);
    expect(await page.locator('figure.chart svg').count()).toBe(2);
    expect(await page.locator('#tasks tbody tr').count()).toBe(4);
    const res = await page.goto(`${t.url}/console/statistics?month=2026-10&scope=00`);
    expect(res!.status()).toBe(403);
    await expect(page.locator('h1').textContent()).resolves.toBe('无权访问');
    const shenzhen = await page.goto(`${t.url}/console/statistics?month=2026-10&scope=4403`);
    expect(shenzhen!.status()).toBe(403);
    const api = await page.goto(`${t.url}/api/statistics/monthly?month=2026-10&scope=00`);
    expect(api!.status()).toBe(403);
    await page.close();
  });

  it('the head of a flagged unit answers the explanation task on a 390 px phone (issue 13)', async () => {
    const [task] = await t.ds.query(
      `SELECT id::text, bureau_code AS "bureauCode" FROM explanation_tasks WHERE status = 'open' ORDER BY id LIMIT 1`,
    );
    const cookie = await t.userWithSession('flagged-head', 'head', task.bureauCode);
    const [name, value] = cookie.split('=');
    await browser.context.clearCookies();
    await browser.context.addCookies([{ name, value, url: t.url }]);
    const page = await browser.page();
    await page.goto(`${t.url}/console/statistics/tasks/${task.id}`);
    await expect(page.locator('h1').innerText()).resolves.toMatch(/^情况说明：/);
    expect(await shootBothWidths(page, 'explanation-task')).toBe(0);
    await page.fill('textarea[name=answer]', '本月负面舆情上升系电子税务局升级所致，已整改。');
    await Promise.all([
      page.waitForURL(/\/tasks\/\d+$/),
      page.click('form[action^="/console/statistics/tasks/"] button[type=submit]'),
    ]);
    await expect(page.locator('.task-answer').innerText()).resolves.toBe(
      '本月负面舆情上升系电子税务局升级所致，已整改。',
    );
    expect(await shootBothWidths(page, 'explanation-task-answered')).toBe(0);
    await page.close();
  });
});
