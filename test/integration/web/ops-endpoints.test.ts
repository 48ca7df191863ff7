import { json } from '../../support/http';
import { createTestApp, TestApp } from '../../support/app';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

/** Issue 12 point 13: /metrics needs the token or an allowed address; /api/docs needs a login in production. */
describe('operations endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { NODE_ENV: 'production', METRICS_TOKEN } });
  });
  afterAll(() => t.close());

  const metrics = (headers: Record<string, string>) => fetch(`${t.url}/metrics`, { headers });

  it('issue 12 point 13: /metrics refuses an address off the allow-list, and serves loopback and the token', async () => {
    const remote = await metrics({ 'x-forwarded-for': '203.0.113.5' });
    expect(remote.status).toBe(403);
    expect((await json(remote)).code).toBe('METRICS_FORBIDDEN');
    const wrong = await metrics({ 'x-forwarded-for': '203.0.113.5', authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
    const token = await metrics({
      'x-forwarded-for': '203.0.113.5',
      authorization: `Bearer ${METRICS_TOKEN}`,
    });
    expect(token.status).toBe(200);
    expect(await token.text()).toMatch(/yuqing_process_cpu/);
    expect((await metrics({})).status).toBe(200); // loopback, the default allow-list
  });

  it('issue 12 point 13: /api/docs and its JSON need a login in production', async () => {
    const anonymous = await fetch(`${t.url}/api/docs-json`);
    expect(anonymous.status).toBe(401);
    const page = await fetch(`${t.url}/api/docs`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/login?next=%2Fapi%2Fdocs');
    const cookie = await t.userWithSession('docs-reader', 'monitor', '44');
    const doc = await fetch(`${t.url}/api/docs-json`, { headers: { cookie } });
    expect(doc.status).toBe(200);
    expect((await json(doc)).info.title).toMatch(/舆情哨/);
  });
});
