import { UsersService } from '../../../src/auth/users.service';
import { cli } from '../../support/cli';
import { json } from '../../support/http';
import { createTestApp, TEST_PASSWORD, TestApp } from '../../support/app';

/** Issue 12 point 7: throttling, lockout and the password policy, over real HTTP and PostgreSQL. */
describe('login throttling and lockout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES_PER_IP: '12' } });
  });
  afterAll(() => t.close());

  /** Each test logs in from its own address (X-Forwarded-For is trusted from loopback), so limits do not mix. */
  const login = (username: string, password: string, ip: string) =>
    fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ username, password }),
    });
  const newUser = (username: string) =>
    t
      .get(UsersService)
      .create({ username, role: 'monitor', bureauCode: '44', password: TEST_PASSWORD }, null);

  it('issue 12 point 7: the sixth failed login within 15 minutes is refused with 429, even with the right password', async () => {
    await newUser('gd-locked');
    for (let i = 0; i < 5; i++) {
      expect((await login('gd-locked', 'wrong-password-x', '198.51.100.1')).status).toBe(401);
      t.clock.advance(60_000);
    }
    const refused = await login('gd-locked', TEST_PASSWORD, '198.51.100.1');
    expect(refused.status).toBe(429);
    const body = await json(refused);
    expect(body.code).toBe('AUTH_ACCOUNT_LOCKED');
    expect(body.message).toMatch(/锁定/);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/yuqing_login_failures_total\{reason="bad_credentials"\} 5/);
    expect(metrics).toMatch(/yuqing_login_failures_total\{reason="account_locked"\} 1/);
    const events = await t.ds.query(
      `SELECT e.action FROM user_security_events e JOIN users u ON u.id = e.user_id WHERE u.username = 'gd-locked'`,
    );
    expect(events).toEqual([{ action: 'locked' }]);
  });

  it('issue 12 point 7: failures spread over more than the window do not lock', async () => {
    await newUser('gd-slow');
    for (let i = 0; i < 8; i++) {
      expect((await login('gd-slow', 'wrong-password-x', '198.51.100.2')).status).toBe(401);
      t.clock.advance(4 * 60_000); // five failures span 16 minutes
    }
    expect((await login('gd-slow', TEST_PASSWORD, '198.51.100.2')).status).toBe(200);
  });

  it('issue 12 point 7: the lock ends after LOGIN_LOCKOUT_MINUTES by the clock', async () => {
    await newUser('gd-cooldown');
    for (let i = 0; i < 5; i++) await login('gd-cooldown', 'wrong-password-x', '198.51.100.3');
    expect((await login('gd-cooldown', TEST_PASSWORD, '198.51.100.3')).status).toBe(429);
    t.clock.advance((t.config.LOGIN_LOCKOUT_MINUTES - 1) * 60_000);
    expect((await login('gd-cooldown', TEST_PASSWORD, '198.51.100.3')).status).toBe(429);
    t.clock.advance(2 * 60_000);
    expect((await login('gd-cooldown', TEST_PASSWORD, '198.51.100.3')).status).toBe(200);
  });

  it('issue 12 point 7: an admin unlocks an account through the API, and the unlock is on record', async () => {
    const admin = await t.userWithSession('hq-admin', 'admin', '00');
    const user = await newUser('gd-unlock');
    for (let i = 0; i < 5; i++) await login('gd-unlock', 'wrong-password-x', '198.51.100.4');
    expect((await login('gd-unlock', TEST_PASSWORD, '198.51.100.4')).status).toBe(429);
    const res = await fetch(`${t.url}/api/users/${user.id}/unlock`, {
      method: 'POST',
      headers: { cookie: admin },
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ unlocked: true });
    expect((await login('gd-unlock', TEST_PASSWORD, '198.51.100.4')).status).toBe(200);
    const events = await t.ds.query(
      `SELECT e.action, a.username AS actor FROM user_security_events e JOIN users u ON u.id = e.user_id
       LEFT JOIN users a ON a.id = e.actor_id WHERE u.username = 'gd-unlock' ORDER BY e.id`,
    );
    expect(events).toEqual([
      { action: 'locked', actor: null },
      { action: 'unlocked', actor: 'hq-admin' },
    ]);
  });

  it('issue 12 point 7: users:unlock lifts a lock from the command line', async () => {
    await newUser('gd-cli-unlock');
    for (let i = 0; i < 5; i++) await login('gd-cli-unlock', 'wrong-password-x', '198.51.100.5');
    expect((await login('gd-cli-unlock', TEST_PASSWORD, '198.51.100.5')).status).toBe(429);
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = t.db.url;
    try {
      const r = await cli(['users:unlock', 'gd-cli-unlock']);
      expect(r).toMatchObject({ code: 0, out: 'unlocked\n' });
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
    expect((await login('gd-cli-unlock', TEST_PASSWORD, '198.51.100.5')).status).toBe(200);
  });

  it('issue 12 point 7: unknown usernames are throttled with the same 429 (no username enumeration)', async () => {
    for (let i = 0; i < 5; i++)
      expect((await login('nobody-here', 'whatever-pass', '198.51.100.6')).status).toBe(401);
    const res = await login('nobody-here', 'whatever-pass', '198.51.100.6');
    expect(res.status).toBe(429);
    expect((await json(res)).code).toBe('AUTH_ACCOUNT_LOCKED');
  });

  it('issue 12 point 7: one address is limited across usernames with a 429 in Chinese', async () => {
    await newUser('gd-victim');
    for (let i = 0; i < 12; i++) await login(`guess-${i}`, 'wrong-password-x', '203.0.113.9');
    const res = await login('gd-victim', TEST_PASSWORD, '203.0.113.9');
    expect(res.status).toBe(429);
    const body = await json(res);
    expect(body.code).toBe('AUTH_TOO_MANY_ATTEMPTS');
    expect(body.message).toMatch(/频繁/);
    expect((await login('gd-victim', TEST_PASSWORD, '203.0.113.10')).status).toBe(200); // other addresses still log in
  });

  it('issue 12 point 7: the login form shows the lockout in Chinese with 429', async () => {
    await newUser('gd-form');
    for (let i = 0; i < 5; i++) await login('gd-form', 'wrong-password-x', '198.51.100.7');
    const res = await fetch(`${t.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.7' },
      body: new URLSearchParams({ username: 'gd-form', password: TEST_PASSWORD }).toString(),
    });
    expect(res.status).toBe(429);
    expect(await res.text()).toMatch(/锁定/);
  });
});
