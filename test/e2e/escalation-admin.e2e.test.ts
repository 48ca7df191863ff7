import type { Page } from 'playwright-core';
import { TestApp } from '../support/app';
import { seedContacts } from '../integration/escalation/escalation-harness';
import { TestBrowser } from './support/browser';
import { screenshotWidths } from './support/screens';
import { createUsers, GD_MONITOR, logInThroughForm, startAppAndBrowser } from './support/session';

/** 时限策略 and 延期审批 in real headless Chromium: reachable from the nav, highlighted, the policy edited in Chinese. */
describe('escalation policy and extension pages (headless Chromium)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  const HQ_ADMIN = { username: 'hq-admin', password: 'hq-admin-pass-1' };

  beforeAll(async () => {
    [t, browser] = await startAppAndBrowser();
    await seedContacts(t.ds);
    await createUsers(t, [
      { ...HQ_ADMIN, displayName: '赵管理', role: 'admin', bureauCode: '00' },
      GD_MONITOR,
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const login = (page: Page, username: string, password: string, start: string) =>
    logInThroughForm(browser, page, `${t.url}${start}`, username, password, (u) => u.pathname !== '/login');
  const field = (page: Page, name: string) => page.locator(`[name="${name}"]`);
  const versions = async () =>
    (await t.ds.query(`SELECT count(*)::int AS n FROM escalation_policies WHERE policy_key = 'II'`))[0].n;

  it('an HQ admin reaches the policies from the nav and edits Ⅱ through the Chinese form with a preview', async () => {
    const page = await browser.page();
    await login(page, HQ_ADMIN.username, HQ_ADMIN.password, '/console');
    await Promise.all([
      page.waitForURL(/\/console\/escalation\/policies$/),
      page.click('.nav a:text("时限策略")'),
    ]);
    await expect(page.locator('.nav a.active').textContent()).resolves.toBe('时限策略');
    expect((await screenshotWidths(page, 'policies')).phoneScrollWidth).toBeLessThanOrEqual(390);

    await Promise.all([page.waitForURL(/policies\/II\/edit$/), page.click('a:text("修改Ⅱ级 重大策略")')]);
    await expect(page.locator('h1').textContent()).resolves.toBe('修改时限策略：Ⅱ级 重大');
    await expect(page.locator('.nav a.active').textContent()).resolves.toBe('时限策略');
    await expect(page.locator('fieldset[data-clock="acknowledge"] legend').textContent()).resolves.toContain(
      '签收时限',
    );
    expect(await field(page, 'clocks[acknowledge][length]').inputValue()).toBe('15');

    // 预览: 签收 in 20 minutes, simulated for 天河区, nothing saved
    await field(page, 'clocks[acknowledge][length]').fill('20');
    await field(page, 'bureau').fill('440106');
    await Promise.all([page.waitForNavigation(), page.click('button:text("预览时间线")')]);
    const ack = page.locator('#policy-preview li[data-clock-kind="acknowledge"]');
    await expect(ack.first().locator('.when').textContent()).resolves.toBe('+20 分');
    await expect(ack.first().textContent()).resolves.toContain('分管领导 deputy-440106');
    await expect(ack.nth(1).locator('.when').textContent()).resolves.toBe('+35 分');
    await expect(ack.nth(1).textContent()).resolves.toContain('主要负责人 head-4401');
    expect(await field(page, 'clocks[acknowledge][length]').inputValue()).toBe('20'); // the edit is kept
    expect(await versions()).toBe(0);
    expect((await screenshotWidths(page, 'policy-form')).phoneScrollWidth).toBeLessThanOrEqual(390);

    // a mistake is named by its field, in Chinese, and nothing is saved
    await field(page, 'clocks[acknowledge][repeatEveryMinutes]').fill('');
    const [bad] = await Promise.all([page.waitForNavigation(), page.click('button:text("保存为新版本")')]);
    expect(bad!.status()).toBe(400);
    await expect(page.locator('#form-errors li').allTextContents()).resolves.toEqual([
      '签收时限 · 重复间隔：设置了重复提醒时请填写 1–10080 分钟',
    ]);
    await expect(field(page, 'clocks[acknowledge][repeatEveryMinutes]').getAttribute('class')).resolves.toBe(
      'field-error',
    );
    expect(await versions()).toBe(0);

    await field(page, 'clocks[acknowledge][repeatEveryMinutes]').fill('10');
    await field(page, 'comment').fill('签收时限放宽为 20 分钟');
    await Promise.all([page.waitForURL(/saved=II/), page.click('button:text("保存为新版本")')]);
    const [saved] = await t.ds.query(
      `SELECT version, comment, policy FROM escalation_policies WHERE policy_key = 'II' ORDER BY version DESC LIMIT 1`,
    );
    expect(saved).toMatchObject({ version: 1, comment: '签收时限放宽为 20 分钟' });
    expect(saved.policy.clocks[0]).toMatchObject({
      kind: 'acknowledge',
      minutes: 20,
      repeatEveryMinutes: 10,
    });
    await expect(page.locator('#policy-II h2').textContent()).resolves.toContain('第 1 版');
    await page.close();
  });

  it('highlights 延期审批 on the extension queue', async () => {
    const page = await browser.page();
    await login(page, HQ_ADMIN.username, HQ_ADMIN.password, '/console');
    await Promise.all([page.waitForURL(/extensions$/), page.click('.nav a:text("延期审批")')]);
    await expect(page.locator('h1').textContent()).resolves.toBe('延期申请审批');
    await expect(page.locator('.nav a.active').textContent()).resolves.toBe('延期审批');
    expect((await screenshotWidths(page, 'extensions')).phoneScrollWidth).toBeLessThanOrEqual(390);
    await page.close();
  });

  it('shows a monitor the policies read-only, without the editor', async () => {
    const page = await browser.page();
    await login(page, GD_MONITOR.username, GD_MONITOR.password!, '/console/escalation/policies');
    await expect(page.locator('.nav a.active').textContent()).resolves.toBe('时限策略');
    await expect(page.locator('.alert-info').first().textContent()).resolves.toContain('此处仅供查看');
    expect(await page.locator('a:text("修改Ⅱ级 重大策略")').count()).toBe(0);
    const res = await page.goto(`${t.url}/console/escalation/policies/II/edit`);
    expect(res!.status()).toBe(403);
    await page.close();
  });
});
