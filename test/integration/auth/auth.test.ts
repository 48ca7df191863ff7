import { UsersService } from '../../../src/auth/users.service';
import { json } from '../../support/http';
import { createTestApp, TEST_PASSWORD, TestApp } from '../../support/app';

describe('accounts, sessions, tokens and scoping (real PostgreSQL, real HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses API routes without login, with a JSON 401', async () => {
    const res = await fetch(`${t.url}/api/auth/me`);
    expect(res.status).toBe(401);
    expect((await json(res)).code).toBe('AUTH_REQUIRED');
  });

  it('serves /health without login and reports applied migrations', async () => {
    const res = await fetch(`${t.url}/health`);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ status: 'ok', checks: { database: 'up', migrations: 'applied' } });
  });

  it('logs in with a password, sets an HTTP-only cookie, and rejects a wrong password', async () => {
    await t
      .get(UsersService)
      .create({ username: 'gd-mon', role: 'monitor', bureauCode: '44', password: 'right-password-1' }, null);
    const bad = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'gd-mon', password: 'wrong-password' }),
    });
    expect(bad.status).toBe(401);
    const ok = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'gd-mon', password: 'right-password-1' }),
    });
    expect(ok.status).toBe(200);
    const setCookie = ok.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/ys_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    const me = await fetch(`${t.url}/api/auth/me`, { headers: { cookie: setCookie.split(';')[0] } });
    expect(await json(me)).toMatchObject({
      username: 'gd-mon',
      role: 'monitor',
      bureauCode: '44',
      bureauPath: '00.44.',
    });
    const [{ n }] = await t.ds.query(
      `SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'gd-mon'`,
    );
    expect(n).toBe(1);
  });

  it('expires sessions by the injected clock', async () => {
    const cookie = await t.userWithSession('short-lived', 'monitor', '33');
    expect((await fetch(`${t.url}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
    t.clock.advance((t.config.SESSION_TTL_HOURS + 1) * 3600_000);
    expect((await fetch(`${t.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('bearer tokens: created by an admin, work, and stop working when revoked', async () => {
    const adminCookie = await t.userWithSession('root-admin', 'admin', '00');
    await t.get(UsersService).create({ username: 'crawler-bot', role: 'monitor', bureauCode: '44' }, null);
    const created = await fetch(`${t.url}/api/tokens`, {
      method: 'POST',
      headers: { cookie: adminCookie, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'crawler-bot', name: 'vendor' }),
    });
    expect(created.status).toBe(201);
    const { id, token } = await json(created);
    expect(token).toMatch(/^yst_/);
    const me = await fetch(`${t.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await json(me)).toMatchObject({ username: 'crawler-bot', via: 'token' });
    const [{ token_hash }] = await t.ds.query(`SELECT token_hash FROM api_tokens WHERE id = $1`, [id]);
    expect(token_hash).not.toContain(token); // only the hash is stored
    const revoke = await fetch(`${t.url}/api/tokens/${id}`, {
      method: 'DELETE',
      headers: { cookie: adminCookie },
    });
    expect(revoke.status).toBe(200);
    expect(
      (await fetch(`${t.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(401);
    expect(
      (await fetch(`${t.url}/api/auth/me`, { headers: { authorization: 'Bearer yst_forged' } })).status,
    ).toBe(401);
  });

  it('revoking a token by an id that is not a number is the same clear refusal on every path (CLI included)', async () => {
    for (const id of ['abc', '0', '99999999999999999999'])
      await expect(t.get(UsersService).revokeToken(id, null)).rejects.toMatchObject({ code: 'INVALID_ID' });
    await expect(t.get(UsersService).revokeToken('987654', null)).rejects.toMatchObject({
      code: 'TOKEN_NOT_FOUND',
    });
  });

  it('only admins manage users and tokens; monitors get 403', async () => {
    const cookie = await t.userWithSession('plain-monitor', 'monitor', '44');
    const res = await fetch(`${t.url}/api/users`, { headers: { cookie } });
    expect(res.status).toBe(403);
    expect((await json(res)).code).toBe('AUTH_ROLE_FORBIDDEN');
  });

  it('a provincial admin cannot create users outside its subtree', async () => {
    const cookie = await t.userWithSession('gd-admin', 'admin', '44');
    const post = (bureauCode: string, username: string) =>
      fetch(`${t.url}/api/users`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ username, role: 'monitor', bureauCode, password: TEST_PASSWORD }),
      });
    expect((await post('4403', 'sz-in-gd')).status).toBe(403); // Shenzhen reports to HQ, not Guangdong
    expect((await post('4401', 'gz-mon')).status).toBe(201);
    expect((await post('33', 'zj-mon')).status).toBe(403);
    const bad = await post('4401', 'x');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await json(bad))).toMatch(/username/);
  });

  it('creates the first admin from the environment only once', async () => {
    const users = t.get(UsersService);
    expect(await users.ensureFirstAdmin('env-admin', 'env-password-1')).toBe(false); // admins exist already
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM users WHERE username = 'env-admin'`);
    expect(n).toBe(0);
  });
});
