import { json, rawRequest } from '../../support/http';
import { createTestApp, TestApp } from '../../support/app';

/** Issue 12 point 8 (generic part): every bad input is a clear 4xx naming the field, never a 500. */
describe('bad input answers 4xx naming the field', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.userWithSession('input-admin', 'admin', '00');
  });
  afterAll(() => t.close());

  const postUser = (body: string) =>
    fetch(`${t.url}/api/users`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body,
    });

  it('issue 12 point 8: NUL (U+0000) in a JSON body is a 400 naming the field', async () => {
    const res = await postUser(
      JSON.stringify({ username: 'nul-user', displayName: '张\u0000三', role: 'monitor', bureauCode: '44' }),
    );
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.code).toBe('INVALID_CHARACTER');
    expect(body.message).toMatch(/^displayName: /);
  });

  it('issue 12 point 8: NUL in a query string is a 400 naming the parameter', async () => {
    const res = await fetch(`${t.url}/api/incidents?q=%00abc`, { headers: { cookie: admin } });
    expect(res.status).toBe(400);
    expect((await json(res)).message).toMatch(/^q: /);
  });

  it('issue 12 point 8: NUL in the login form is a 400, not a 500', async () => {
    const res = await fetch(`${t.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=a%00b&password=whatever-pass',
    });
    expect(res.status).toBe(400);
  });

  it('issue 12 point 8: an impossible date in a filter is a 400 naming the filter', async () => {
    for (const [query, field] of [
      ['from=2026-13-45', 'from'],
      ['to=2026-02-30', 'to'],
      ['from=2026-11-01T25:00:00Z', 'from'],
    ]) {
      const res = await fetch(`${t.url}/api/incidents?${query}`, { headers: { cookie: admin } });
      expect(res.status).toBe(400);
      expect((await json(res)).message).toMatch(new RegExp(`^${field}: `));
    }
    const ok = await fetch(`${t.url}/api/incidents?from=2026-02-28`, { headers: { cookie: admin } });
    expect(ok.status).toBe(200);
  });

  it('issue 12 point 8: a non-numeric id is a 400 naming the parameter', async () => {
    for (const [method, path] of [
      ['GET', '/api/incidents/abc'],
      ['GET', '/api/escalation/incidents/1e3'],
      ['POST', '/api/users/12abc/disable'],
      ['GET', '/api/incidents/99999999999999999999999'],
    ]) {
      const res = await fetch(`${t.url}${path}`, { method, headers: { cookie: admin } });
      expect(res.status).toBe(400);
      const body = await json(res);
      expect(body.code).toBe('INVALID_ID');
      expect(body.message).toMatch(/^id: /);
    }
  });

  it('issue 12 point 8: 30,000-deep JSON is a 400 (or a 413 past the size limit), and the service still answers', async () => {
    const arrays = await postUser('['.repeat(30000) + ']'.repeat(30000)); // 60 kB, within the body limit
    expect(arrays.status).toBe(400);
    expect(await json(arrays)).toMatchObject({
      code: 'JSON_TOO_DEEP',
      message: expect.stringMatching(/^body: /),
    });
    const objects = await postUser('{"a":'.repeat(30000) + '1' + '}'.repeat(30000)); // 180 kB
    expect(objects.status).toBe(413);
    expect((await json(objects)).code).toBe('BODY_TOO_LARGE');
    const forty = await postUser(
      `{"username":"deep-ok","role":"monitor","bureauCode":"44","x":${'['.repeat(40)}${']'.repeat(40)}}`,
    );
    expect(forty.status).toBe(400); // past MAX_JSON_DEPTH (32) even when small
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
  });

  it('issue 12 point 8: malformed JSON and a broken %-escape are 400s in the usual JSON shape', async () => {
    const res = await postUser('{"username": ');
    expect(res.status).toBe(400);
    expect((await json(res)).message).toMatch(/^body: /);
    const esc = await rawRequest(t.url, 'GET', '/api/incidents?q=%E4%B', { cookie: admin });
    expect(esc.status).toBe(400);
    expect(JSON.parse(esc.body).message).toMatch(/^q: /);
  });
});
