import { IncidentQueryService } from '../../../src/incidents/query/incident-query.service';
import { rootLogger } from '../../../src/infrastructure/logging/logger';
import { createTestApp, TestApp } from '../../support/app';
import { json } from '../../support/http';

const CHINESE = /[\u4e00-\u9fff]/;
const ENGLISH_ONLY =
  /Failed to decode param|The input exceeded the depth|too many parameters|Internal server error/;

/**
 * Bad input on a console page (/console/*, /login, /links/*) is answered with a Chinese HTML page, whatever the
 * Accept header says (curl sends * / *): inside the console's layout for a logged-in user, the public layout (the
 * login page's) for a visitor. The API keeps its Chinese JSON. The refusals found before Nest's routing (query
 * string, body parser) included.
 */
describe('console refusals are Chinese HTML pages, the API answers Chinese JSON', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.userWithSession('refusal-admin', 'admin', '00');
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  /** The page a console request got: status, whether it is HTML in the layout, its text. */
  async function page(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
    const res = await fetch(`${t.url}${path}`, { redirect: 'manual', ...init });
    const text = await res.text();
    return {
      path,
      status: res.status,
      html: /^text\/html/.test(res.headers.get('content-type') ?? ''),
      layout: text.includes('class="topbar"'),
      chinese: CHINESE.test(text) && !ENGLISH_ONLY.test(text),
      text,
    };
  }
  const form = (
    cookie: string | undefined,
    body: string,
  ): RequestInit & { headers: Record<string, string> } => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body,
  });

  it('a broken %-escape or NUL in the query of any console page: 400, layout when logged in', async () => {
    for (const path of ['/console', '/console/incidents', '/console/sources', '/console/bureaus']) {
      for (const q of ['?q=%ZZ', '?q=a%00b']) {
        for (const accept of [{}, { accept: 'text/html' }] as Record<string, string>[]) {
          const p = await page(`${path}${q}`, { headers: { cookie: admin, ...accept } });
          expect(p).toMatchObject({
            path: `${path}${q}`,
            status: 400,
            html: true,
            layout: true,
            chinese: true,
          });
          expect(p.text).toContain('q:');
        }
      }
    }
  });

  it('the same on public pages (login, signed links), as a Chinese page without navigation', async () => {
    for (const path of ['/login?next=%ZZ', '/login?x=%00', '/links/abc?x=%ZZ']) {
      expect(await page(path)).toMatchObject({ status: 400, html: true, layout: false, chinese: true });
    }
    expect(await page('/links/%ZZ')).toMatchObject({ status: 400, html: true, chinese: true });
    // A path no console page serves: the app-wide console filter finds the user itself, so the layout, still the 400.
    const unknown = await page('/console/nope?q=%ZZ', { headers: { cookie: admin } });
    expect(unknown).toMatchObject({ status: 400, html: true, layout: true, chinese: true });
  });

  it('an impossible date on a console page, and bad export filters, in the layout', async () => {
    for (const path of [
      '/console/incidents?from=2026-02-30',
      '/console/incidents/export?from=2026-02-30',
      '/console/incidents/export?grade=V',
    ]) {
      expect(await page(path, { headers: { cookie: admin } })).toMatchObject({
        status: 400,
        html: true,
        layout: true,
        chinese: true,
      });
    }
  });

  it('form keys nested deeper than 32 levels: 400 in Chinese on /login and on console forms', async () => {
    const deep = `name${'[a]'.repeat(40)}=1`;
    expect(await page('/login', form(undefined, deep))).toMatchObject({
      status: 400,
      html: true,
      layout: false,
      chinese: true,
    });
    const inConsole = await page('/console/incidents/bulk', form(admin, deep));
    expect(inConsole).toMatchObject({ status: 400, html: true, layout: true, chinese: true });
    expect(inConsole.text).toContain('32 层');
  });

  it('more than 1,000 form fields, or a form over 100 KB: 413 in Chinese naming the limit', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join('&');
    const big = `note=${'x'.repeat(150 * 1024)}`;
    for (const [body, limit] of [
      [many, '1000'],
      [big, '100 KB'],
    ]) {
      const login = await page('/login', form(undefined, body));
      expect(login).toMatchObject({ status: 413, html: true, layout: false, chinese: true });
      expect(login.text).toContain(limit);
      const consoleForm = await page('/console/incidents/bulk', form(admin, body));
      expect(consoleForm).toMatchObject({ status: 413, html: true, layout: true, chinese: true });
      expect(consoleForm.text).toContain(limit);
    }
  });

  it('a console server fault is a Chinese page in the layout, and is logged', async () => {
    jest.spyOn(IncidentQueryService.prototype, 'list').mockRejectedValue(new Error('boom'));
    const error = jest.spyOn(rootLogger(), 'error').mockImplementation((() => undefined) as never);
    const p = await page('/console/incidents', { headers: { cookie: admin } });
    expect(p).toMatchObject({ status: 500, html: true, layout: true, chinese: true });
    expect(p.text).not.toContain('boom');
    expect(error.mock.calls.some((c) => c[1] === 'unhandled error')).toBe(true);
    const visitor = await page('/links/%E4%B8%AD');
    expect(visitor.chinese).toBe(true);
  });

  it('API clients of console URLs still get JSON; the API itself answers Chinese JSON', async () => {
    const asJson = await fetch(`${t.url}/console/incidents?q=%ZZ`, {
      headers: { cookie: admin, accept: 'application/json' },
    });
    expect(asJson.status).toBe(400);
    expect((await json(asJson)).message).toMatch(/^q: .*[\u4e00-\u9fff]/);
    const big = await fetch(`${t.url}/api/users`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x'.repeat(150 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect(await json(big)).toMatchObject({
      code: 'BODY_TOO_LARGE',
      message: expect.stringContaining('100 KB'),
    });
  });
});
