import type { Page } from 'playwright-core';
import { EscalationEngine } from '../../src/escalation/engine/escalation.engine';
import { IncidentsService } from '../../src/incidents/incidents.service';
import { TestApp } from '../support/app';
import { confirmedIncident, seedContacts } from '../integration/escalation/escalation-harness';
import { TestBrowser } from './support/browser';
import { screenshotWidths } from './support/screens';
import { createUsers, GD_MONITOR, logInThroughForm, startAppAndBrowser } from './support/session';

/** 态势总览 in real headless Chromium: the console's home, scoped to the user's subtree. */
describe('overview page (headless Chromium)', () => {
  let t: TestApp;
  let browser: TestBrowser;

  beforeAll(async () => {
    [t, browser] = await startAppAndBrowser();
    await seedContacts(t.ds);
    await t.ds.query(
      `UPDATE bureau_contacts SET name = '李天河', phone = '020-1234' WHERE email = 'head.440106@tax.example.cn'`,
    );
    await createUsers(t, [
      GD_MONITOR,
      {
        username: 'zj-monitor',
        displayName: '周明',
        role: 'monitor',
        bureauCode: '33',
        password: 'zj-monitor-pass-1',
      },
    ]);
    const incidents = t.get(IncidentsService);
    // A Ⅱ incident in 天河区 whose 15-minute 签收 clock runs out; a new one waiting for triage.
    await confirmedIncident(t.ds, incidents, t.clock, {
      title: '天河区办税服务厅排队三小时无人管',
      grade: 'II',
    });
    await confirmedIncident(t.ds, incidents, t.clock, {
      title: '天河区电子税务局无法登录',
      grade: 'III',
      confirm: false,
    });
    await t.ds.query(
      `UPDATE sources SET needs_attention = true, consecutive_errors = 6 WHERE id = (SELECT min(id) FROM sources)`,
    );
    t.clock.advance(20 * 60_000);
    await t.get(EscalationEngine).drain();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const login = (page: Page, username: string, password: string) =>
    logInThroughForm(browser, page, `${t.url}/`, username, password, (u) => u.pathname === '/console');

  it('lands a provincial monitor on the overview with the overdue clock and who is late', async () => {
    const page = await browser.page();
    await login(page, GD_MONITOR.username, GD_MONITOR.password!);
    await expect(page.locator('h1').textContent()).resolves.toContain('态势总览');
    await expect(page.locator('.nav a.active').textContent()).resolves.toBe('态势总览');
    // refreshes itself without inline script (the CSP forbids it)
    expect(await page.locator('meta[http-equiv=refresh]').getAttribute('content')).toBe('60');

    const overdue = page.locator('#overdue-clocks tbody tr');
    expect(await overdue.count()).toBeGreaterThanOrEqual(1);
    const ack = overdue.filter({ hasText: '签收' }).first();
    await expect(ack.locator('.subject').textContent()).resolves.toContain(
      '天河区办税服务厅排队三小时无人管',
    );
    await expect(ack.locator('.late-unit').textContent()).resolves.toContain('天河区税务局');
    await expect(ack.locator('.late-head').textContent()).resolves.toContain('李天河');
    await expect(ack.locator('td.overdue').textContent()).resolves.toMatch(/^已超时 5 分/);
    await expect(page.locator('#overdue-count').textContent()).resolves.toBe(String(await overdue.count()));

    // new incidents this week: one Ⅱ and one Ⅲ, both under 广州市
    await expect(page.locator('[data-grade="II"] .week').textContent()).resolves.toBe('1');
    await expect(page.locator('[data-grade="III"] .week').textContent()).resolves.toBe('1');
    await expect(page.locator('#new-by-unit tr[data-unit="4401"] td.unit').textContent()).resolves.toBe(
      '广州市税务局',
    );
    await expect(page.locator('#triage-count').textContent()).resolves.toBe('1');
    await expect(page.locator('#triage li').textContent()).resolves.toContain('天河区电子税务局无法登录');
    await expect(page.locator('#troubled-sources li').first().textContent()).resolves.toContain(
      '连续失败 6 次',
    );
    // the coloured chart of open incidents lists Guangdong's cities, rendered as SVG on the server
    const chart = page.locator('figure.ov-chart svg');
    await expect(chart.locator('text', { hasText: '广州市' }).count()).resolves.toBeGreaterThan(0);

    const { phoneScrollWidth } = await screenshotWidths(page, 'overview');
    expect(phoneScrollWidth).toBeLessThanOrEqual(390);
    await page.close();
  });

  it('explains a finding on the escalation page in one Chinese sentence, not raw data', async () => {
    const [{ id }] = await t.ds.query(
      `SELECT id::text FROM incidents WHERE title = '天河区办税服务厅排队三小时无人管'`,
    );
    await t.ds.query(
      `INSERT INTO reporting_findings (incident_id, bureau_code, kind, found_at, evidence)
       VALUES ($1, '440106', 'late', $2, $3::jsonb)`,
      [
        id,
        t.clock.now(),
        JSON.stringify({
          clockKind: 'first_report',
          dueAt: '2026-11-02T02:30:00.000Z',
          reportedAt: '2026-11-02T02:42:20.000Z',
          minutesLate: 13,
          by: '李天河',
        }),
      ],
    );
    const page = await browser.page();
    await login(page, GD_MONITOR.username, GD_MONITOR.password!);
    await page.goto(`${t.url}/console/escalation/incidents/${id}`);
    await expect(page.locator('td.finding-evidence').textContent()).resolves.toBe(
      '“首报（向上级报告）”时限截止于 2026-11-02 10:30，实际于 2026-11-02 10:42 由 李天河 完成，迟报 13 分钟。',
    );
    await page.close();
  });

  it('shows another province nothing of Guangdong', async () => {
    const page = await browser.page();
    await login(page, 'zj-monitor', 'zj-monitor-pass-1');
    await expect(page.locator('h1').textContent()).resolves.toContain('浙江省');
    expect(await page.locator('#overdue-clocks tbody tr').count()).toBe(0);
    await expect(page.locator('#overdue-count').textContent()).resolves.toBe('0');
    await expect(page.locator('#triage-count').textContent()).resolves.toBe('0');
    await expect(page.locator('[data-grade="II"] .week').textContent()).resolves.toBe('0');
    await page.close();
  });
});
