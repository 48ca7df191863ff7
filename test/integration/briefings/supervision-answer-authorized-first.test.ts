import { createTestApp, TestApp } from '../../support/app';
import { json } from '../../support/http';

/**
 * Outside trial, point 10: answering a 督办 matter is authorized (role, then the matter's unit) before the answer is
 * validated, so someone who may not answer is told so — 403 — whatever the body, and the unit itself gets the 400.
 */
describe('督办 answer: authorized before validated (real HTTP)', () => {
  let t: TestApp;
  let hq: string;
  let gzMonitor: string;
  let thMonitor: string;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp();
    hq = await t.userWithSession('hq-analyst', 'hq_analyst', '00');
    gzMonitor = await t.userWithSession('gz-monitor', 'monitor', '4401');
    thMonitor = await t.userWithSession('th-monitor', 'monitor', '440106');
    const res = await fetch(`${t.url}/api/supervision`, {
      method: 'POST',
      headers: { cookie: hq, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: '关于核查办税服务厅排长队问题的督办',
        instruction: '请核实情况并报告。',
        bureauCode: '440106', // 天河区: Guangzhou (4401) oversees it and may read it, but does not answer for it
        dueAt: new Date(t.clock.now().getTime() + 2 * 86_400_000).toISOString(),
      }),
    });
    expect(res.status).toBe(201);
    id = (await json(res)).id;
  });
  afterAll(() => t?.close());

  const answer = (cookie: string, body: unknown) =>
    fetch(`${t.url}/api/supervision/${id}/answer`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('the superior unit’s monitor gets 403 for any body, short, long, mistyped or with extra fields', async () => {
    for (const body of [
      { answer: 'x' },
      { answer: '已整改'.repeat(7000) },
      { answer: 42 },
      {},
      { answer: '已整改完毕', extra: 1 },
    ]) {
      const res = await answer(gzMonitor, body);
      expect(res.status).toBe(403);
      expect(await json(res)).toMatchObject({
        code: 'AUTH_OUT_OF_SCOPE',
        message: '只有该单位本身可以报送督办办理情况',
      });
    }
    const form = await fetch(`${t.url}/console/supervision/${id}/answer`, {
      method: 'POST',
      headers: {
        cookie: gzMonitor,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
      body: new URLSearchParams({ answer: 'x' }).toString(),
      redirect: 'manual',
    });
    expect(form.status).toBe(403);
    expect(await form.text()).not.toContain('办理情况应为');
    // reading the matter is still the superior's right: only answering is the unit's own
    expect((await fetch(`${t.url}/api/supervision/${id}`, { headers: { cookie: gzMonitor } })).status).toBe(
      200,
    );
  });

  it('the responsible unit gets the validation error, then answers', async () => {
    const short = await answer(thMonitor, { answer: 'x' });
    expect(short.status).toBe(400);
    expect(await json(short)).toMatchObject({ message: '办理情况应为 2–20000 字' });
    const ok = await answer(thMonitor, { answer: '已核实并整改，增设窗口两个。' });
    expect(ok.status).toBe(201);
    expect(await json(ok)).toMatchObject({ status: 'answered', answer: '已核实并整改，增设窗口两个。' });
  });
});
