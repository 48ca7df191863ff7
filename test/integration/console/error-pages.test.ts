import { createTestApp, TestApp } from '../../support/app';
import { rawRequest } from '../../support/http';

const PHONE_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1" />';
// What must never reach a browser: stack frames, Express/Nest wording, the bare page of http-refusal.ts.
const INTERNALS = /\bat \S+ \(|node_modules|Cannot GET|Error:|URIError|<body><h1>/;

/**
 * Outside trial: a console path no route serves, or a query that cannot be decoded, used to get the bare error page
 * (no header, no navigation, no phone viewport), because Nest answers those requests with global filters only and no
 * guard has identified the user. Every console 404/400 is now a page in the layout: the console's for a logged-in
 * user, the public one (the login page's) for a visitor. The API keeps its JSON (checked alongside).
 */
describe('console 404 and 400 pages keep the layout (real HTTP)', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp();
    cookie = await t.userWithSession('gd-monitor', 'monitor', '44');
  });
  afterAll(() => t?.close());

  /** GET `path` exactly as written (no URL normalisation), as a browser would send it. */
  async function get(path: string, who: 'user' | 'visitor' | string, accept = 'text/html') {
    const c = who === 'user' ? cookie : who === 'visitor' ? undefined : who;
    const res = await rawRequest(t.url, 'GET', path, { accept, ...(c ? { cookie: c } : {}) });
    const html = /^text\/html/.test(String(res.headers['content-type']));
    return {
      path,
      status: res.status,
      html,
      layout: res.body.includes('class="topbar"') && res.body.includes('class="user-name"'),
      publicLayout: res.body.includes('class="public-body"') && !res.body.includes('class="topbar"'),
      phone: res.body.includes(PHONE_VIEWPORT) && res.body.includes('/console/assets/console.css'),
      leaks: INTERNALS.test(res.body),
      body: res.body,
    };
  }
  const asUser = { html: true, layout: true, phone: true, leaks: false };
  /** The same refusal on an /api path: JSON for every client, a logged-in browser included. */
  async function expectApiJson(path: string, status: number, code: string) {
    for (const who of ['user', 'visitor'])
      for (const accept of ['text/html', 'application/json', '*/*']) {
        const res = await get(path, who, accept);
        expect({ path, who, accept, status: res.status, html: res.html }).toEqual({
          path,
          who,
          accept,
          status,
          html: false,
        });
        expect(JSON.parse(res.body)).toMatchObject({ statusCode: status, code });
      }
  }
  const asVisitor = { html: true, publicLayout: true, phone: true, leaks: false };

  // Array syntax, repeated keys, nesting, a long (12 KB, under Node's 16 KB head limit) query: all decodable.
  const longQuery = Array.from({ length: 1500 }, (_, i) => `k${i}=v`).join('&');
  const UNKNOWN = [
    '/console/nonexistent',
    '/console/nonexistent?page=2',
    '/console/nonexistent?x[]=1&x[]=2',
    '/console/nonexistent?a=1&a=2&a=3',
    '/console/nonexistent?a[b][c][d][e][f][g]=1',
    '/console/nonexistent?__proto__[x]=1&%=1',
    `/console/nonexistent?${longQuery}`,
    '/console/incidents/1/nope',
    '/console/%E0%A4%A',
  ];
  // Queries no decoder can read: a broken %-escape, a NUL, a bad escape inside array syntax.
  const UNDECODABLE = ['?page=%E0%A4%A', '?page=%', '?q=%ZZ&q=1', '?x[]=%E0', '?x=a%00b'];

  it('an unknown console path is a 404 page in the layout, whatever its query, logged in or not', async () => {
    for (const path of UNKNOWN) {
      const user = await get(path, 'user');
      expect(user).toMatchObject({ path, status: 404, ...asUser });
      expect(user.body).toContain('<h1>未找到</h1>');
      expect(user.body).toContain('没有这个页面');
      expect(user.body).toContain('<span class="user-name">gd-monitor</span>');
      const visitor = await get(path, 'visitor');
      expect(visitor).toMatchObject({ path, status: 404, ...asVisitor });
      expect(visitor.body).toContain('<h1>未找到</h1>');
      expect(visitor.body).toContain('href="/login"');
    }
    await expectApiJson('/api/nonexistent', 404, 'NOT_FOUND');
    await expectApiJson('/api/nonexistent?x[]=1&x[]=2', 404, 'NOT_FOUND');
  });

  it('an undecodable query on an unknown console path is a 400 page in the layout, logged in or not', async () => {
    for (const q of UNDECODABLE) {
      const path = `/console/nonexistent${q}`;
      const user = await get(path, 'user');
      expect(user).toMatchObject({ path, status: 400, ...asUser });
      expect(user.body).toContain('<h1>请求有误</h1>');
      expect(user.body).toMatch(/查询参数编码无效|不能包含空字符/);
      expect(await get(path, 'visitor')).toMatchObject({ path, status: 400, ...asVisitor });
      await expectApiJson(
        `/api/nonexistent${q}`,
        400,
        q.includes('%00') ? 'INVALID_CHARACTER' : 'INVALID_QUERY',
      );
    }
  });

  it('an undecodable query or path on a known console page is a 400 in the layout, not a 500', async () => {
    const known = [
      '/console',
      '/console/incidents',
      '/console/bureaus',
      '/console/bureaus/44',
      '/login',
      '/',
    ];
    for (const page of known) {
      for (const q of UNDECODABLE) {
        const path = `${page}${q}`;
        expect(await get(path, 'user')).toMatchObject({ path, status: 400, ...asUser });
        expect(await get(path, 'visitor')).toMatchObject({ path, status: 400, ...asVisitor });
      }
    }
    // a broken %-escape in a route parameter: Express refuses it before any guard ran
    for (const path of ['/console/bureaus/%E0%A4%A', '/console/sources/%ZZ']) {
      const user = await get(path, 'user');
      expect(user).toMatchObject({ path, status: 400, ...asUser });
      expect(user.body).toContain('路径中的 % 转义无效');
      expect(await get(path, 'visitor')).toMatchObject({ path, status: 400, ...asVisitor });
    }
    await expectApiJson('/api/incidents/%E0', 400, 'INVALID_PATH');
  });

  it('an unknown or expired session on an unknown path gets the public page, not an error', async () => {
    for (const c of ['ys_session=not-a-session', 'ys_session=j:{"a":1}', 'ys_session=']) {
      expect(await get('/console/nonexistent?x=%ZZ', c)).toMatchObject({ status: 400, ...asVisitor });
      expect(await get('/console/nonexistent', c)).toMatchObject({ status: 404, ...asVisitor });
    }
  });

  it('echoes the path escaped, never as markup', async () => {
    const user = await get('/console/<script>alert(1)</script>', 'user');
    expect(user).toMatchObject({ status: 404, ...asUser });
    expect(user.body).not.toContain('<script>alert');
    expect(user.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const visitor = await get('/console/x"><img%20src=x>', 'visitor');
    expect(visitor).toMatchObject({ status: 404, ...asVisitor });
    expect(visitor.body).toContain('x&quot;&gt;&lt;img%20src=x&gt;');
  });

  it('a link longer than Node accepts (headers over 16 KB) gets a Chinese 431, not an empty answer', async () => {
    const huge = 'q=' + 'x'.repeat(20_000);
    for (const path of [`/console/incidents?${huge}`, `/api/incidents?${huge}`]) {
      const res = await get(path, 'user');
      expect({ path, status: res.status }).toEqual({ path, status: 431 });
      expect(res.body).toContain('请求头（含网址）过长');
    }
    // the server goes on serving after it
    expect((await get('/console/nonexistent', 'user')).status).toBe(404);
  });
});
