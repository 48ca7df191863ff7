import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsersService } from '../../../src/auth/users.service';
import { json, rawRequest } from '../../support/http';
import { createTestApp, TestApp } from '../../support/app';

/** Issue 12 point 9: security headers, no inline script, CSRF origin check, and no form bodies on the JSON API. */
describe('security headers and CSRF', () => {
  let t: TestApp;
  let admin: string;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.userWithSession('csrf-admin', 'admin', '00');
    token = (await t.get(UsersService).createToken('csrf-admin', 'csrf test', null)).token;
  });
  afterAll(() => t.close());

  let n = 0;
  const userBody = () => JSON.stringify({ username: `csrf-user-${++n}`, role: 'monitor', bureauCode: '44' });

  it('issue 12 point 9: every answer carries CSP without inline script, frame-ancestors none, nosniff, Referrer-Policy', async () => {
    for (const path of ['/login', '/api/auth/me', '/health']) {
      const res = await fetch(`${t.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/unsafe-inline[^;]*;?\s*$|script-src[^;]*unsafe-inline/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('strict-transport-security')).toBeNull(); // COOKIE_SECURE is off
    }
  });

  it('issue 12 point 9: console pages load scripts from files only: no inline <script>, no on*= handler', async () => {
    const page = await (await fetch(`${t.url}/console/incidents`, { headers: { cookie: admin } })).text();
    expect(page).toMatch(/<script src="\/console\/assets\/incident-queue\.js\?v=/);
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const asset = await fetch(`${t.url}/console/assets/incident-queue.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    // Every page template in the source: a script element without src, or an event-handler attribute, fails.
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('.spec.ts')) {
          const text = readFileSync(p, 'utf8');
          if (/<script(?![^>]*\bsrc=)[^>]*>/.test(text) || /<[a-z][^>]*\son[a-z]+\s*=\s*["']/i.test(text)) {
            offenders.push(p);
          }
        }
      }
    };
    walk(join(__dirname, '../../../src'));
    expect(offenders).toEqual([]);
  });

  it('the tab icon: linked from every page and answered at /favicon.ico without a login (no 404 per first visit)', async () => {
    const page = await (await fetch(`${t.url}/login`)).text();
    expect(page).toMatch(/<link rel="icon" type="image\/svg\+xml" href="\/console\/assets\/favicon\.svg\?v=/);
    for (const path of ['/favicon.ico', '/console/assets/favicon.svg']) {
      const icon = await fetch(`${t.url}${path}`);
      expect(icon.status).toBe(200);
      expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(await icon.text()).toMatch(/^<svg [^>]*viewBox="0 0 32 32"/);
    }
  });

  it('issue 12 point 9: a cookie request from another origin, or naming none, is refused with 403', async () => {
    const evil = await fetch(`${t.url}/api/users`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json', origin: 'https://evil.example' },
      body: userBody(),
    });
    expect(evil.status).toBe(403);
    expect((await json(evil)).code).toBe('CSRF_ORIGIN_MISMATCH');
    const none = await rawRequest(
      t.url,
      'POST',
      '/api/users',
      { cookie: admin, 'content-type': 'application/json' },
      userBody(),
    );
    expect(none.status).toBe(403);
    const evilForm = await rawRequest(t.url, 'POST', '/api/auth/logout', {
      cookie: admin,
      referer: 'https://evil.example/page',
    });
    expect(evilForm.status).toBe(403);
    const loginCsrf = await rawRequest(
      t.url,
      'POST',
      '/login',
      { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      'username=csrf-admin&password=x',
    );
    expect(loginCsrf.status).toBe(403);
  });

  it('issue 12 point 9: same-origin cookie requests, the public base URL and bearer tokens pass', async () => {
    const sameOrigin = await fetch(`${t.url}/api/users`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json', origin: t.url },
      body: userBody(),
    });
    expect(sameOrigin.status).toBe(201);
    const referer = await rawRequest(
      t.url,
      'POST',
      '/api/users',
      { cookie: admin, 'content-type': 'application/json', referer: `${t.url}/console/users` },
      userBody(),
    );
    expect(referer.status).toBe(201);
    const publicBase = await rawRequest(
      t.url,
      'POST',
      '/api/users',
      { cookie: admin, 'content-type': 'application/json', origin: t.config.PUBLIC_BASE_URL },
      userBody(),
    );
    expect(publicBase.status).toBe(201);
    const bearer = await rawRequest(
      t.url,
      'POST',
      '/api/users',
      { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      userBody(),
    );
    expect(bearer.status).toBe(201);
    // Signed action links carry their credential in the URL; their page sends Origin: null (no-referrer).
    const link = await rawRequest(
      t.url,
      'POST',
      '/links/not-a-real-token',
      { cookie: admin, origin: 'null', 'content-type': 'application/x-www-form-urlencoded' },
      'comment=x',
    );
    expect(link.body).not.toMatch(/CSRF|跨站/);
  });

  it('issue 12 point 9: the JSON API refuses form bodies with 415', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await fetch(`${t.url}/api/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': type },
        body: 'username=form-user&role=monitor&bureauCode=44',
      });
      expect(res.status).toBe(415);
      expect((await json(res)).message).toMatch(/JSON/);
    }
  });
});

describe('HSTS behind HTTPS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { COOKIE_SECURE: 'true' } });
  });
  afterAll(() => t.close());

  it('issue 12 point 9: Strict-Transport-Security is sent when COOKIE_SECURE is on', async () => {
    const res = await fetch(`${t.url}/login`);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
  });
});
