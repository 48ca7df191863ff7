import type { Page } from 'playwright-core';
import { ContactsService } from '../../src/organisation/contacts.service';
import { CLI_PRINCIPAL } from '../../src/organisation/organisation.commands';
import { TestApp } from '../support/app';
import { TestBrowser } from './support/browser';
import { shootBothWidths } from './support/screens';
import { createUsers, logInThroughForm, startAppAndBrowser } from './support/session';

const ADMIN_PASSWORD = 'gd-admin-pass-1';

/** Issue 13: editing a bureau's contacts and importing a contacts CSV with a preview, in real headless Chromium. */
describe('contacts editing and import pages (headless Chromium)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    [t, browser] = await startAppAndBrowser();
    await createUsers(t, [
      {
        username: 'gd-admin',
        displayName: '林管理',
        role: 'admin',
        bureauCode: '44',
        password: ADMIN_PASSWORD,
      },
    ]);
    await t
      .get(ContactsService)
      .importCsv(
        CLI_PRINCIPAL,
        'bureau_code,role,name,title,email,phone\n4401,head,王旧,局长,wang@example.cn,020-1\n4401,office,办公室,,office@example.cn,',
      );
    page = await browser.page();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("edits a bureau's head contact, rejecting a bad email with the field named, and saves", async () => {
    await logInThroughForm(
      browser,
      page,
      `${t.url}/console/bureaus/4401`,
      'gd-admin',
      ADMIN_PASSWORD,
      '**/console/bureaus/4401',
    );
    await expect(page.inputValue('#c0-name')).resolves.toBe('王旧');
    await page.fill('#c0-name', '李新');
    await page.fill('#c0-email', 'not-an-email');
    await Promise.all([page.waitForLoadState('load'), page.click('.contact-form button[type=submit]')]);
    await expect(page.locator('.contact-errors li').first().textContent()).resolves.toMatch(
      /第 1 条 · 电子邮箱：邮箱格式不正确/,
    );
    await expect(page.inputValue('#c0-name')).resolves.toBe('李新');
    expect((await t.get(ContactsService).listFor('4401'))[0].name).toBe('王旧');

    await page.fill('#c0-email', 'li@example.cn');
    await page.fill('#c0-title', '局长');
    await page.check('input[name="c[1][remove]"]');
    await page.selectOption('#c2-role', 'liaison');
    await page.fill('#c2-name', '赵联络');
    await page.fill('#c2-email', 'zhao@example.cn');
    await Promise.all([
      page.waitForURL('**/console/bureaus/4401?msg=saved'),
      page.click('.contact-form button[type=submit]'),
    ]);
    await expect(page.locator('.alert-info').textContent()).resolves.toBe('联系人已保存');
    await expect(page.locator('.contacts tbody').textContent()).resolves.toContain('李新');
    const saved = await t.get(ContactsService).listFor('4401');
    expect(saved.map((c) => [c.role, c.name, c.email])).toEqual([
      ['head', '李新', 'li@example.cn'],
      ['liaison', '赵联络', 'zhao@example.cn'],
    ]);
    expect(await shootBothWidths(page, 'contacts-edit')).toBe(0);
  });

  it('previews a pasted CSV with its row errors, then imports it once fixed', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${t.url}/console/bureaus/contacts/import`);
    const bad =
      'bureau_code,role,name,title,email,phone\n4405,head,张三,局长,zs@example.cn,0755-1\n4405,deputy,李四,副局长,bad-email,';
    await page.fill('#csv', bad);
    await Promise.all([page.waitForLoadState('load'), page.click('button[value=preview]')]);
    await expect(page.locator('.row-error').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^第 3 行 · 电子邮箱：邮箱格式不正确/),
    ]);
    await expect(page.locator('tr.bad-row').count()).resolves.toBe(1);
    expect(await shootBothWidths(page, 'contacts-import-preview')).toBe(0);
    // 导入 with the error still there writes nothing
    await page.setViewportSize({ width: 1400, height: 900 });
    await Promise.all([page.waitForLoadState('load'), page.click('button[value=import]')]);
    await expect(page.locator('.alert-error[role=alert]').first().textContent()).resolves.toContain(
      '有错误，未导入',
    );
    expect(await t.get(ContactsService).listFor('4405')).toHaveLength(0);

    await page.fill('#csv', bad.replace('bad-email', 'ls@example.cn'));
    await Promise.all([page.waitForLoadState('load'), page.click('button[value=preview]')]);
    await expect(page.locator('.preview-ok').textContent()).resolves.toContain('全部 2 条联系人有效');
    await Promise.all([page.waitForLoadState('load'), page.click('button[value=import]')]);
    await expect(page.locator('.alert-info').textContent()).resolves.toBe('已导入：1 个单位，2 条联系人');
    expect((await t.get(ContactsService).listFor('4405')).map((c) => c.name)).toEqual(['张三', '李四']);
  });

  it('gives a monitor no edit controls and refuses its console POSTs', async () => {
    const cookie = await t.userWithSession('gd-monitor', 'monitor', '44');
    const page4401 = await fetch(`${t.url}/console/bureaus/4401`, { headers: { cookie } });
    expect(page4401.status).toBe(200);
    const body = await page4401.text();
    expect(body).toContain('李新');
    expect(body).not.toContain('contact-form');
    expect(body).not.toContain('/console/bureaus/contacts/import');
    const post = (path: string, form: string) =>
      fetch(`${t.url}${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
        redirect: 'manual',
      });
    const csv = encodeURIComponent('bureau_code,role,name,title,email,phone\n4401,head,黑客,,h@example.cn,');
    expect(
      (await post('/console/bureaus/4401/contacts', 'c[0][role]=head&c[0][name]=x&c[0][email]=x@example.cn'))
        .status,
    ).toBe(403);
    expect((await post('/console/bureaus/contacts/import', `op=import&csv=${csv}`)).status).toBe(403);
    expect((await post('/console/bureaus/contacts/import', `op=preview&csv=${csv}`)).status).toBe(403);
    expect((await fetch(`${t.url}/console/bureaus/contacts/import`, { headers: { cookie } })).status).toBe(
      403,
    );
    expect((await t.get(ContactsService).listFor('4401')).map((c) => c.name)).toEqual(['李新', '赵联络']);
  });

  it('refuses an admin editing a bureau outside their subtree', async () => {
    const cookie = await t.userWithSession('gd-admin2', 'admin', '44');
    const r = await fetch(`${t.url}/console/bureaus/3301/contacts`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'c[0][role]=head&c[0][name]=x&c[0][email]=x@example.cn',
      redirect: 'manual',
    });
    expect(r.status).toBe(403);
    expect(await t.get(ContactsService).listFor('3301')).toHaveLength(0);
  });
});
