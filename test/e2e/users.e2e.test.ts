import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { UsersService } from '../../src/auth/users.service';
import { TestApp } from '../support/app';
import { TestBrowser } from './support/browser';
import { createUsers, logInThroughForm, startAppAndBrowser } from './support/session';

/** Screenshots of every users/tokens page at desktop and phone width (git-ignored; named in the README). */
const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
const ADMIN_PASSWORD = 'gd-admin-pass-1';

/** Issue 13: the 用户与令牌 pages in real headless Chromium, as a Guangdong admin uses them. */
describe('users and API tokens pages (headless Chromium)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let dashboardToken: string;
  let createdPassword: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [t, browser] = await startAppAndBrowser();
    await createUsers(t, [
      {
        username: 'gd-admin',
        displayName: '林管理',
        role: 'admin',
        bureauCode: '44',
        password: ADMIN_PASSWORD,
      },
      { username: 'gz-api', displayName: '广州数据接口', role: 'monitor', bureauCode: '4401' },
    ]);
    dashboardToken = (await t.get(UsersService).createToken('gz-api', '广州大屏', null)).token;
    page = await browser.page();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Screenshots at 1400 and 390 px, and the page must not scroll sideways at 390 px (wide tables scroll inside). */
  async function shootAndCheckWidth(name: string) {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.screenshot({ path: join(SHOTS, `${name}-1400.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SHOTS, `${name}-390.png`), fullPage: true });
    // A string, evaluated in the page: this project's TypeScript has no DOM types.
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect({ page: name, width: width <= 390 }).toEqual({ page: name, width: true });
    await page.setViewportSize({ width: 1400, height: 900 });
  }

  const apiLogin = (username: string, password: string) =>
    fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    }).then((r) => r.status);

  it('lists the users of the admin’s province', async () => {
    await logInThroughForm(
      browser,
      page,
      `${t.url}/console/users`,
      'gd-admin',
      ADMIN_PASSWORD,
      '**/console/users',
    );
    await expect(page.locator('.nav a.active').textContent()).resolves.toBe('用户与令牌');
    const names = await page
      .locator('.users-table tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-username')));
    expect(names.sort()).toEqual(['gd-admin', 'gz-api']);
    await shootAndCheckWidth('users-list');
  });

  it('creates a user scoped to a district bureau chosen with the picker, and shows its password once', async () => {
    await page.click('a[href="/console/users/new"]');
    await page.waitForURL('**/console/users/new');
    await page.fill('#username', 'th-monitor');
    await page.fill('#displayName', '天河监测员');
    await page.selectOption('#role', 'monitor');
    // Out of reach: the search is scoped to Guangdong, so Zhejiang offers nothing.
    await page.fill('[data-picker-query]', '浙江省');
    await page.waitForSelector('[data-bureau-picker][data-results-for="浙江省"]');
    await expect(page.locator('.picker-options .empty').textContent()).resolves.toContain('没有找到');
    await page.fill('[data-picker-query]', '天河');
    await page.waitForSelector('[data-bureau-picker][data-results-for="天河"] input[value="440106"]');
    await page.check('input[name=bureauCode][value="440106"]');
    await shootAndCheckWidth('user-new');
    await Promise.all([
      page.waitForURL('**/console/users'),
      page.click('#new-user button.btn[type=submit]:not([formmethod])'),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe('用户已创建');
    createdPassword = (await page.locator('[data-secret]').textContent())!;
    expect(createdPassword).toMatch(/^[A-Za-z0-9]{16}$/);
    const [row] = await t.ds.query(`SELECT role, bureau_code FROM users WHERE username = 'th-monitor'`);
    expect(row).toEqual({ role: 'monitor', bureau_code: '440106' });
    await expect(apiLogin('th-monitor', createdPassword)).resolves.toBe(200);
    await shootAndCheckWidth('user-created');
  });

  it('resets the new user’s password to another one-time password; the old one stops working', async () => {
    await page.click('text=完成，返回用户详情');
    await page.waitForURL(/\/console\/users\/\d+$/);
    await expect(page.locator('h1').textContent()).resolves.toContain('th-monitor');
    await shootAndCheckWidth('user-detail');
    await Promise.all([
      page.waitForURL(/\/console\/users\/\d+\/act$/),
      page.click('button:has-text("生成一次性密码")'),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe('密码已重置');
    const fresh = (await page.locator('[data-secret]').textContent())!;
    expect(fresh).not.toBe(createdPassword);
    await expect(apiLogin('th-monitor', createdPassword)).resolves.toBe(401);
    await expect(apiLogin('th-monitor', fresh)).resolves.toBe(200);
    const events = await t.ds.query(
      `SELECT e.action, a.username AS actor FROM user_security_events e JOIN users u ON u.id = e.user_id
       JOIN users a ON a.id = e.actor_id WHERE u.username = 'th-monitor' ORDER BY e.id`,
    );
    expect(events).toEqual([
      { action: 'created', actor: 'gd-admin' },
      { action: 'password_reset', actor: 'gd-admin' },
    ]);
  });

  it('revokes a token from the tokens page; the token stops working at once', async () => {
    const me = () =>
      fetch(`${t.url}/api/auth/me`, { headers: { authorization: `Bearer ${dashboardToken}` } });
    expect((await me()).status).toBe(200);
    await page.goto(`${t.url}/console/tokens`);
    await expect(page.locator('tr[data-token="广州大屏"]').textContent()).resolves.toContain('有效');
    await shootAndCheckWidth('tokens');
    await Promise.all([
      page.waitForURL('**/console/tokens?msg=*'),
      page.click('tr[data-token="广州大屏"] button:has-text("吊销")'),
    ]);
    await expect(page.locator('.alert-info').textContent()).resolves.toContain('令牌已吊销');
    await expect(page.locator('tr[data-token="广州大屏"]').textContent()).resolves.toContain('已吊销');
    expect((await me()).status).toBe(401);
  });

  it('creates a token shown once, which then acts as its user', async () => {
    await page.selectOption('#token-user', 'gz-api');
    await page.fill('#token-name', '广州新大屏');
    await Promise.all([page.waitForURL('**/console/tokens'), page.click('#new-token button[type=submit]')]);
    const token = (await page.locator('[data-secret]').textContent())!;
    expect(token).toMatch(/^yst_/);
    const res = await fetch(`${t.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    await expect(res.json()).resolves.toMatchObject({ username: 'gz-api', bureauCode: '4401' });
    await shootAndCheckWidth('token-created');
  });
});
