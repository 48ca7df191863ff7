import { UsersService } from '../../../src/auth/users.service';
import { json } from '../../support/http';
import { createTestApp, TEST_PASSWORD, TestApp } from '../../support/app';

/** Issue 12 point 7: the password policy on every way a password is set (API create, API reset, service). */
describe('password policy', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.userWithSession('pw-admin', 'admin', '00');
  });
  afterAll(() => t.close());

  const createUser = (username: string, password: string) =>
    fetch(`${t.url}/api/users`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ username, role: 'monitor', bureauCode: '44', password }),
    });

  it.each(['aaaaaaaaaa', '1234567890', 'abcabcabcabc', 'password123', 'qwertyuiop', 'Woaini1314!', 'short1'])(
    'issue 12 point 7: refuses %s on account creation with a 400 naming the password',
    async (password) => {
      const res = await createUser(`weak-${password.length}-${password.charCodeAt(0)}`, password);
      expect(res.status).toBe(400);
      const body = await json(res);
      expect(body.code).toBe('USER_WEAK_PASSWORD');
      expect(body.message).toMatch(/^password: 密码/);
    },
  );

  it('issue 12 point 7: accepts a password that is long and not a pattern', async () => {
    expect((await createUser('strong-user', 'Lantern-river-42')).status).toBe(201);
  });

  it('issue 12 point 7: an admin reset applies the policy and ends the old sessions', async () => {
    const cookie = await t.userWithSession('pw-reset', 'monitor', '44');
    const [{ id }] = await t.ds.query(`SELECT id::text FROM users WHERE username = 'pw-reset'`);
    const reset = (password: string) =>
      fetch(`${t.url}/api/users/${id}/password`, {
        method: 'POST',
        headers: { cookie: admin, 'content-type': 'application/json' },
        body: JSON.stringify({ password }),
      });
    expect((await reset('bbbbbbbbbbbb')).status).toBe(400);
    expect((await reset('Copper-kettle-19')).status).toBe(200);
    expect((await fetch(`${t.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    await expect(
      t.get(UsersService).setPassword({ username: 'pw-reset' }, 'zyxwvutsrqpo', null),
    ).rejects.toThrow(/连续/);
    expect(TEST_PASSWORD).not.toBe('password-123');
  });
});
