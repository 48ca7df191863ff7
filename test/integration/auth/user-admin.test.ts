import { UsersService } from '../../../src/auth/users.service';
import { createTestApp, TestApp } from '../../support/app';

/**
 * Issue 13: users and API tokens are managed under 'user.manage' / 'token.manage' (src/auth/policy), over the API and
 * on the console pages alike. Real HTTP, real PostgreSQL.
 */
describe('user and token administration: who may manage whom (real PostgreSQL, real HTTP)', () => {
  let t: TestApp;
  const s: Record<string, string> = {};
  const id: Record<string, string> = {};
  let zjToken: { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    const users: [string, 'admin' | 'monitor' | 'head' | 'hq_analyst', string][] = [
      ['hq-admin', 'admin', '00'],
      ['gd-admin', 'admin', '44'],
      ['gd-monitor', 'monitor', '44'],
      ['gz-head', 'head', '4401'],
      ['zj-monitor', 'monitor', '33'],
    ];
    for (const [name, role, bureau] of users) s[name] = await t.userWithSession(name, role, bureau);
    for (const r of await t.ds.query(`SELECT id::text, username FROM users`)) id[r.username] = r.id;
    zjToken = await t.get(UsersService).createToken('zj-monitor', '浙江接口', null);
  });
  afterAll(() => t?.close());

  const call = async (cookie: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };
  const form = (cookie: string, path: string, data: Record<string, string>) =>
    fetch(`${t.url}${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams(data).toString(),
      redirect: 'manual',
    });
  const page = (cookie: string, path: string) =>
    fetch(`${t.url}${path}`, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
  const userRow = async (name: string) =>
    (await t.ds.query(`SELECT role, bureau_code, disabled FROM users WHERE username = $1`, [name]))[0];

  describe('a provincial admin', () => {
    it('creates users within its province, but none scoped to HQ or to another province', async () => {
      const mk = (username: string, bureauCode: string) =>
        call(s['gd-admin'], 'POST', '/api/users', { username, role: 'monitor', bureauCode });
      expect((await mk('gz-new', '4401')).status).toBe(201);
      expect(await mk('hq-new', '00')).toMatchObject({ status: 403, body: { code: 'AUTH_OUT_OF_SCOPE' } });
      expect(await mk('zj-new', '33')).toMatchObject({ status: 403, body: { code: 'AUTH_OUT_OF_SCOPE' } });
      expect(await mk('sz-new', '4403')).toMatchObject({ status: 403 }); // 深圳 reports to HQ, not to Guangdong
      const made = await t.ds.query(
        `SELECT username FROM users WHERE username IN ('hq-new','zj-new','sz-new')`,
      );
      expect(made).toEqual([]);
    });

    it('cannot create an HQ-scoped user through the page either', async () => {
      const res = await form(s['gd-admin'], '/console/users', {
        username: 'hq-page',
        role: 'admin',
        bureauCode: '00',
      });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('所选单位不在您的管辖范围内');
      expect(await userRow('hq-page')).toBeUndefined();
    });

    it('cannot disable, reset, unlock or re-scope another province’s user (API and page)', async () => {
      const zj = id['zj-monitor'];
      for (const path of [`/api/users/${zj}/disable`, `/api/users/${zj}/unlock`]) {
        expect(await call(s['gd-admin'], 'POST', path)).toMatchObject({
          status: 403,
          body: { code: 'AUTH_OUT_OF_SCOPE' },
        });
      }
      const reset = await call(s['gd-admin'], 'POST', `/api/users/${zj}/password`, {
        password: 'Zq8-long-pass-x',
      });
      expect(reset.status).toBe(403);
      for (const op of ['disable', 'reset-generate', 'unlock']) {
        expect((await form(s['gd-admin'], `/console/users/${zj}/act`, { op })).status).toBe(403);
      }
      expect((await page(s['gd-admin'], `/console/users/${zj}`)).status).toBe(403);
      expect(await userRow('zj-monitor')).toEqual({ role: 'monitor', bureau_code: '33', disabled: false });
    });

    it('cannot move a user of its province to HQ, but can within its province (recorded)', async () => {
      const gz = id['gz-head'];
      const up = await form(s['gd-admin'], `/console/users/${gz}/act`, {
        op: 'role',
        role: 'admin',
        bureauCode: '00',
      });
      expect(up.status).toBe(403);
      expect(await userRow('gz-head')).toMatchObject({ role: 'head', bureau_code: '4401' });
      const moved = await form(s['gd-admin'], `/console/users/${gz}/act`, {
        op: 'role',
        role: 'monitor',
        bureauCode: '440106',
      });
      expect(moved.status).toBe(303);
      expect(await userRow('gz-head')).toMatchObject({ role: 'monitor', bureau_code: '440106' });
      const [event] = await t.ds.query(
        `SELECT action, detail FROM user_security_events WHERE user_id = $1 AND action = 'role_changed'`,
        [gz],
      );
      expect(event.detail).toEqual({
        from: { role: 'head', bureauCode: '4401' },
        to: { role: 'monitor', bureauCode: '440106' },
      });
      // Moved users log in again under their new scope.
      expect((await call(s['gz-head'], 'GET', '/api/auth/me')).status).toBe(401);
    });

    it('lists only its province’s users and tokens, and cannot revoke another province’s token', async () => {
      const users = await call(s['gd-admin'], 'GET', '/api/users');
      expect(users.body.map((u: { username: string }) => u.username)).not.toContain('zj-monitor');
      const tokens = await call(s['gd-admin'], 'GET', '/api/tokens');
      expect(tokens.body).toEqual([]);
      expect(await call(s['gd-admin'], 'DELETE', `/api/tokens/${zjToken.id}`)).toMatchObject({ status: 403 });
      expect((await form(s['gd-admin'], `/console/tokens/${zjToken.id}/revoke`, {})).status).toBe(403);
      const [row] = await t.ds.query(`SELECT revoked_at FROM api_tokens WHERE id = $1`, [zjToken.id]);
      expect(row.revoked_at).toBeNull();
      const created = await form(s['gd-admin'], '/console/tokens', { username: 'zj-monitor', name: '越权' });
      expect(created.status).toBe(403);
    });

    it('cannot create or change another province’s sources', async () => {
      const source = (bureauCode: string) => ({
        name: `来源-${bureauCode}`,
        kind: 'feed',
        url: `https://news-${bureauCode}.example.com/rss`,
        bureauCode,
        authorityTier: 'provincial',
      });
      expect((await call(s['gd-admin'], 'POST', '/api/sources', source('44'))).status).toBe(201);
      expect(await call(s['gd-admin'], 'POST', '/api/sources', source('33'))).toMatchObject({
        status: 403,
        body: { code: 'AUTH_OUT_OF_SCOPE' },
      });
      const zj = await call(s['hq-admin'], 'POST', '/api/sources', { ...source('33'), name: '浙江日报' });
      expect(zj.status).toBe(201);
      expect(
        (await call(s['gd-admin'], 'PATCH', `/api/sources/${zj.body.id}`, { name: '改名' })).status,
      ).toBe(403);
      expect((await call(s['gd-admin'], 'DELETE', `/api/sources/${zj.body.id}`)).status).toBe(403);
    });

    it('unlocks a locked-out user of its province from the page, with an audit event', async () => {
      await t.ds.query(`UPDATE users SET locked_until = 'infinity' WHERE username = 'gd-monitor'`);
      const html = await (await page(s['gd-admin'], `/console/users/${id['gd-monitor']}`)).text();
      expect(html).toContain('已锁定');
      const res = await form(s['gd-admin'], `/console/users/${id['gd-monitor']}/act`, { op: 'unlock' });
      expect(res.status).toBe(303);
      expect(decodeURIComponent(res.headers.get('location')!)).toContain('已解除登录锁定');
      const [row] = await t.ds.query(`SELECT locked_until FROM users WHERE username = 'gd-monitor'`);
      expect(row.locked_until).toBeNull();
      const again = await form(s['gd-admin'], `/console/users/${id['gd-monitor']}/act`, { op: 'unlock' });
      expect(decodeURIComponent(again.headers.get('location')!)).toContain('当前未被锁定');
      const events = await t.ds.query(
        `SELECT action FROM user_security_events WHERE user_id = $1 AND action = 'unlocked'`,
        [id['gd-monitor']],
      );
      expect(events).toHaveLength(1);
    });

    it('refuses a weak password set on the page, naming the rule, and cannot disable itself', async () => {
      const weak = await form(s['gd-admin'], `/console/users/${id['gd-monitor']}/act`, {
        op: 'reset-set',
        password: '1234567890',
      });
      expect(weak.status).toBe(303);
      expect(decodeURIComponent(weak.headers.get('location')!)).toContain('新密码不符合要求');
      const self = await form(s['gd-admin'], `/console/users/${id['gd-admin']}/act`, { op: 'disable' });
      expect(decodeURIComponent(self.headers.get('location')!)).toContain('不能停用自己的账号');
      expect(await userRow('gd-admin')).toMatchObject({ disabled: false });
    });

    it('offers only bureaus within its reach in the picker, without JavaScript too', async () => {
      const html = await (await page(s['gd-admin'], '/console/users/new?bq=天河&username=kept-name')).text();
      expect(html).toContain('value="440106"');
      expect(html).toContain('value="kept-name"');
      const zj = await (await page(s['gd-admin'], '/console/users/new?bq=杭州')).text();
      expect(zj).not.toMatch(/name="bureauCode" value="33/);
      expect(zj).toContain('没有找到您管辖范围内的匹配单位');
    });
  });

  describe('roles other than admin', () => {
    it.each(['gd-monitor', 'zj-monitor'])('%s cannot manage users or tokens (API and pages)', async (who) => {
      expect(await call(s[who], 'GET', '/api/users')).toMatchObject({
        status: 403,
        body: { code: 'AUTH_ROLE_FORBIDDEN', message: expect.stringContaining('管理用户') },
      });
      expect((await call(s[who], 'GET', '/api/tokens')).body.code).toBe('AUTH_ROLE_FORBIDDEN');
      expect(
        (await call(s[who], 'POST', '/api/users', { username: 'x-new', role: 'admin', bureauCode: '44' }))
          .status,
      ).toBe(403);
      for (const path of ['/console/users', '/console/users/new', '/console/tokens']) {
        const res = await page(s[who], path);
        expect(res.status).toBe(403);
        expect(await res.text()).toContain('无权');
      }
      expect(
        (await form(s[who], '/console/users', { username: 'x-new', role: 'admin', bureauCode: '44' })).status,
      ).toBe(403);
    });

    it('the navigation shows 用户与令牌 to admins only', async () => {
      expect(await (await page(s['gd-admin'], '/console/bureaus')).text()).toContain('href="/console/users"');
      expect(await (await page(s['zj-monitor'], '/console/bureaus')).text()).not.toContain(
        'href="/console/users"',
      );
    });
  });
});
