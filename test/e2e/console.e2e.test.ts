import type { Page } from 'playwright-core';
import { UsersService } from '../../src/auth/users.service';
import { FakeClock } from '../../src/infrastructure/clock/clock';
import { createTestApp, TEST_PASSWORD, TestApp } from '../support/app';
import { launchBrowser, TestBrowser } from './support/browser';

/** The console in real headless Chromium against the whole application on a fresh database. */
describe('web console (headless Chromium)', () => {
  const PASSWORD = 'gd-monitor-pass-1';
  const SCREENSHOT = '/tmp/yuqing-console-bureau.png';
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    // The browser judges the session cookie's Expires by its own (real) clock, so the app's clock starts at real time.
    [t, browser] = await Promise.all([createTestApp({ clock: new FakeClock(new Date()) }), launchBrowser()]);
    const users = t.get(UsersService);
    await users.create(
      { username: 'gd-monitor', displayName: '陈静', role: 'monitor', bureauCode: '44', password: PASSWORD },
      null,
    );
    await users.create(
      { username: 'hq-admin', role: 'admin', bureauCode: '00', password: 'hq-admin-pass-1' },
      null,
    );
    // One ordinary contact and one whose name would be markup if the pages did not escape it.
    await t.ds.query(
      `INSERT INTO bureau_contacts (bureau_code, role, name, title, email, phone) VALUES
         ('4401', 'liaison', '李晓明', '办公室副主任', 'lixm@gz.example.cn', '020-12345678'),
         ('4401', 'deputy', '<b>王五</b>', NULL, 'wangwu@gz.example.cn', NULL)`,
    );
    page = await browser.page();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function submitLogin(username: string, password: string) {
    await page.fill('#username', username);
    await page.fill('#password', password);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'),
      page.click('button[type=submit]'),
    ]);
    await page.waitForLoadState();
    return response;
  }

  it('sends an unauthenticated visitor of a console page to the login form, remembering the page', async () => {
    await page.goto(`${t.url}/console/bureaus?open=4401`);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/login');
    expect(url.searchParams.get('next')).toBe('/console/bureaus?open=4401');
    expect(await page.title()).toBe('登录 · 舆情哨');
    await expect(page.locator('input[name=next]').inputValue()).resolves.toBe('/console/bureaus?open=4401');
  });

  it('rejects a wrong password with a Chinese message and HTTP 401, keeping the username', async () => {
    const res = await submitLogin('gd-monitor', 'not-the-password');
    expect(res.status()).toBe(401);
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect(page.locator('.alert-error').textContent()).resolves.toContain('用户名或密码错误');
    await expect(page.locator('#username').inputValue()).resolves.toBe('gd-monitor');
    expect(await browser.context.cookies()).toEqual([]);
  });

  it('logs a Guangdong monitor in through the form and lands on the page asked for', async () => {
    const res = await submitLogin('gd-monitor', PASSWORD);
    expect(res.status()).toBe(303);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/console/bureaus?open=4401');
    const [cookie] = await browser.context.cookies();
    expect(cookie).toMatchObject({ name: 'ys_session', httpOnly: true, sameSite: 'Lax' });
    await expect(page.locator('.brand-name').textContent()).resolves.toBe('舆情哨');
    await expect(page.locator('.user-name').textContent()).resolves.toBe('陈静');
    await expect(page.locator('.user-role').textContent()).resolves.toBe('舆情监测员');
    await expect(page.locator('.user-bureau').textContent()).resolves.toBe('广东省税务局');
    await expect(page.locator('.nav a.active').textContent()).resolves.toBe('单位目录');
    // Admin-only navigation is not offered to a monitor.
    expect(await page.locator('.nav a', { hasText: '用户与令牌' }).count()).toBe(0);
    // The tree starts at the user's scope root and is expanded down to 广州市税务局, showing its districts.
    await expect(page.locator('.tree > li > .node .name').textContent()).resolves.toBe('广东省税务局');
    await expect(page.locator('li.current > .node .name').textContent()).resolves.toBe('广州市税务局');
    const districts = await page.locator('li[data-code="4401"] > ul > li > .node .name').allTextContents();
    expect(districts).toEqual(expect.arrayContaining(['天河区税务局', '越秀区税务局', '番禺区税务局']));
    expect(districts).toHaveLength(11);
  });

  it('searches within the scope only: 深圳 reports to HQ, 广州 and 天河 are found', async () => {
    await page.goto(`${t.url}/console/bureaus`);
    // Collapsed again: 广州市税务局 is listed with its count but its districts are not.
    await expect(page.locator('li[data-code="4401"] .count').textContent()).resolves.toBe('下辖 11 个单位');
    expect(await page.locator('li[data-code="440106"]').count()).toBe(0);

    await page.fill('input[type=search]', '深圳');
    await Promise.all([page.waitForURL(/q=/), page.click('form.search button[type=submit]')]);
    await expect(page.locator('.search-results h2').textContent()).resolves.toContain('0 个结果');
    await expect(page.locator('.search-results .empty').textContent()).resolves.toContain('没有找到');

    await page.fill('input[type=search]', '天河');
    await Promise.all([page.waitForURL(/q=/), page.click('form.search button[type=submit]')]);
    await expect(page.locator('.search-results tbody tr').first().textContent()).resolves.toContain(
      '国家税务总局广州市天河区税务局',
    );

    // Expanding by navigation: the ▸ toggle of 广州市税务局 opens its districts.
    await Promise.all([page.waitForURL(/open=4401/), page.click('li[data-code="4401"] > .node a.toggle')]);
    await expect(page.locator('li[data-code="440106"] .name').textContent()).resolves.toBe('天河区税务局');
  });

  it('opens a bureau page with breadcrumb, details, contacts and districts', async () => {
    await Promise.all([
      page.waitForURL(/\/console\/bureaus\/4401$/),
      page.click('li[data-code="4401"] > .node a.name'),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe('国家税务总局广州市税务局');
    // HQ is outside the monitor's scope: named in the breadcrumb but not a link; 广东省税务局 is a link.
    const crumbs = page.locator('.breadcrumb li');
    expect(await crumbs.allTextContents()).toEqual([
      '单位目录',
      '国家税务总局',
      '广东省税务局',
      '广州市税务局',
    ]);
    expect(await crumbs.nth(1).locator('a').count()).toBe(0);
    await expect(crumbs.nth(2).locator('a').getAttribute('href')).resolves.toBe('/console/bureaus/44');
    expect(await page.locator('.aliases li').allTextContents()).toContain('广州税务局');

    const rows = page.locator('.contacts tbody tr');
    expect(await rows.count()).toBe(2);
    const liaison = rows.filter({ hasText: '李晓明' });
    await expect(liaison.locator('td').allTextContents()).resolves.toEqual([
      '舆情联络员',
      '李晓明',
      '办公室副主任',
      'lixm@gz.example.cn',
      '020-12345678',
    ]);
    // Escaped: the name is shown as typed, no <b> element reaches the DOM.
    const deputy = rows.filter({ hasText: 'wangwu@' });
    await expect(deputy.locator('td').nth(1).textContent()).resolves.toBe('<b>王五</b>');
    expect(await deputy.locator('b').count()).toBe(0);
    await expect(deputy.locator('td').first().textContent()).resolves.toBe('分管领导');

    expect(await page.locator('.children tbody tr').count()).toBe(11);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('shows a 403 page inside the layout for a Zhejiang bureau and for Shenzhen, 404 for an unknown code', async () => {
    for (const code of ['33', '4403']) {
      const res = await page.goto(`${t.url}/console/bureaus/${code}`);
      expect(res!.status()).toBe(403);
      await expect(page.locator('.error-page h1').textContent()).resolves.toBe('无权访问');
      await expect(page.locator('.error-message').textContent()).resolves.toContain(code);
      await expect(page.locator('.user-name').textContent()).resolves.toBe('陈静'); // still the full layout
    }
    const res = await page.goto(`${t.url}/console/bureaus/990000`);
    expect(res!.status()).toBe(404);
    await expect(page.locator('.error-page h1').textContent()).resolves.toBe('未找到');
    const tree = await page.goto(`${t.url}/console/bureaus?open=33`);
    expect(tree!.status()).toBe(403);
  });

  it('logs out with the header button, ending the session on the server', async () => {
    await page.goto(`${t.url}/console/bureaus`);
    await Promise.all([page.waitForURL(/\/login$/), page.click('.btn-logout')]);
    expect(await browser.context.cookies()).toEqual([]);
    const [{ n }] = await t.ds.query(
      `SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'gd-monitor'`,
    );
    expect(n).toBe(0);
    await page.goto(`${t.url}/console/bureaus/44`);
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('gives an HQ admin the national tree and finds 深圳市税务局 first for 深圳', async () => {
    await page.goto(`${t.url}/login`);
    await submitLogin('hq-admin', 'hq-admin-pass-1');
    expect(new URL(page.url()).pathname).toBe('/console'); // the default landing page: 态势总览
    await page.goto(`${t.url}/console/bureaus`);
    await expect(page.locator('.tree > li > .node .name').textContent()).resolves.toBe('国家税务总局');
    expect(await page.locator('.tree > li > ul > li').count()).toBe(36);
    await expect(page.locator('li[data-code="4403"] .badge-accent').textContent()).resolves.toBe(
      '计划单列市',
    );
    expect(await page.locator('.nav a', { hasText: '用户与令牌' }).count()).toBe(1);
    await page.fill('input[type=search]', '深圳');
    await Promise.all([page.waitForURL(/q=/), page.click('form.search button[type=submit]')]);
    await expect(
      page.locator('.search-results tbody tr').first().locator('td').first().textContent(),
    ).resolves.toBe('国家税务总局深圳市税务局');
  });
});

describe('console HTTP details (no browser)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual' as const,
  });

  it('redirects / to the overview and serves the stylesheet with a content hash', async () => {
    const home = await fetch(`${t.url}/`, { redirect: 'manual' });
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/console');
    const login = await (await fetch(`${t.url}/login`)).text();
    const href = login.match(/href="(\/console\/assets\/console\.css\?v=[0-9a-f]+)"/)![1];
    const css = await fetch(`${t.url}${href}`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(css.headers.get('cache-control')).toContain('immutable');
    const again = await fetch(`${t.url}${href}`, { headers: { 'if-none-match': css.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect((await fetch(`${t.url}/console/assets/nope.css`)).status).toBe(404);
  });

  it('follows `next` after login only to local paths', async () => {
    await t.userWithSession('redirect-user', 'monitor', '44');
    for (const [next, expected] of [
      ['/console/bureaus/4401', '/console/bureaus/4401'],
      ['//evil.example/', '/console'],
      ['/\\evil.example', '/console'],
      ['https://evil.example/', '/console'],
    ]) {
      const res = await fetch(
        `${t.url}/login`,
        form({ username: 'redirect-user', password: TEST_PASSWORD, next }),
      );
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(expected);
    }
  });

  it('answers a form without a password with 400 and the form again', async () => {
    const res = await fetch(`${t.url}/login`, form({ username: 'someone' }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('请输入用户名和密码');
  });

  it('escapes the search term echoed into the page', async () => {
    const cookie = await t.userWithSession('escape-user', 'monitor', '44');
    const res = await fetch(`${t.url}/console/bureaus?q=${encodeURIComponent('<script>x</script>')}`, {
      headers: { cookie, accept: 'text/html' },
    });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).not.toContain('<script>x</script>');
    expect(body).toContain('&lt;script&gt;x&lt;/script&gt;');
  });

  it('keeps JSON errors for API clients of console URLs', async () => {
    const res = await fetch(`${t.url}/console/bureaus`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('AUTH_REQUIRED');
  });
});
