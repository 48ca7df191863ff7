import { createTestApp, TestApp } from '../../support/app';
import { json } from '../../support/http';

/**
 * cookie-parser reads a cookie value starting `j:` as JSON (an object, an array, a number). A session secret is
 * always a string: anything else is no session — a 401 for the API, the login page for the console — never a 500.
 */
describe('a session cookie that is not a string is no session', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const values = ['j:{"a":1}', 'j:["x"]', 'j:42', 'j:null', 'j:"s_not-a-session"'];

  it('answers the API with 401 AUTH_REQUIRED', async () => {
    for (const v of values) {
      const res = await fetch(`${t.url}/api/auth/me`, { headers: { cookie: `ys_session=${v}` } });
      expect({ v, status: res.status }).toEqual({ v, status: 401 });
      expect((await json(res)).code).toBe('AUTH_REQUIRED');
    }
  });

  it('sends a console visitor to the login page, and the login page renders', async () => {
    for (const v of values) {
      const page = await fetch(`${t.url}/console`, {
        headers: { cookie: `ys_session=${v}` },
        redirect: 'manual',
      });
      expect({ v, status: page.status }).toEqual({ v, status: 302 });
      expect(page.headers.get('location')).toMatch(/^\/login\?next=/);
      const login = await fetch(`${t.url}/login`, { headers: { cookie: `ys_session=${v}` } });
      expect(login.status).toBe(200);
      expect(await login.text()).toContain('登录');
    }
  });

  it('logout: the API says not logged in, the console page logs out (nothing to delete), neither fails', async () => {
    const cookie = 'ys_session=j:{"a":1}';
    const api = await fetch(`${t.url}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(api.status).toBe(401);
    const page = await fetch(`${t.url}/logout`, {
      method: 'POST',
      headers: { cookie, origin: 'http://127.0.0.1:3000' },
      redirect: 'manual',
    });
    expect(page.status).toBe(303);
  });
});
