import type { Principal, Role } from '../../../src/auth/roles';
import { ScopeService } from '../../../src/auth/scope.service';
import { FakeClock } from '../../../src/infrastructure/clock/clock';
import { createTestApp, TestApp } from '../../support/app';
import { json } from '../../support/http';
import { seedContacts, seedMonth } from './seed-month';

/**
 * Outside trial, points 1, 4 and 7: publishing (and drafting) the monthly bulletin is HQ's whatever the scope, as
 * permissions.ts says; the 上级单位 link appears only where the statistics route will answer; and a refusal of
 * ScopeService.assertVisible is policy.ts's Chinese one.
 */
describe('statistics: bulletin.publish is national, parent links within reach (real HTTP)', () => {
  let t: TestApp;
  const s: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock('2026-11-02T01:00:00Z') });
    await seedMonth(t.ds);
    await seedContacts(t.ds);
    const users: [string, Role, string][] = [
      ['hq-analyst', 'hq_analyst', '00'],
      ['gd-analyst', 'hq_analyst', '44'],
      ['gd-admin', 'admin', '44'],
      ['th-monitor', 'monitor', '440106'],
      ['sg-head', 'head', '4402'],
      ['gz-head', 'head', '4401'],
    ];
    for (const [name, role, bureau] of users) s[name] = await t.userWithSession(name, role, bureau);
  });
  afterAll(() => t?.close());

  const publish = (cookie: string, body: object) =>
    fetch(`${t.url}/api/statistics/bulletins`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const stored = async () =>
    (await t.ds.query(`SELECT count(*)::int AS n FROM statistics_bulletins`))[0].n as number;
  const mails = async () =>
    (await t.ds.query(`SELECT count(*)::int AS n FROM outbox_emails WHERE kind = 'statistics.monthly'`))[0]
      .n as number;
  const page = async (cookie: string, scope: string) => {
    const res = await fetch(`${t.url}/console/statistics?month=2026-10&scope=${scope}`, {
      headers: { cookie, accept: 'text/html' },
    });
    expect(res.status).toBe(200);
    return res.text();
  };
  const parentLink = (html: string) => html.match(/<a href="[^"]*scope=(\d+)">上级单位<\/a>/)?.[1] ?? null;

  it('point 1: a provincial analyst or admin publishes nothing, not even its own province, nor a draft', async () => {
    for (const who of ['gd-analyst', 'gd-admin']) {
      for (const body of [
        { month: '2026-10', scope: '44' },
        { month: '2026-10', scope: '44', publish: false },
        { month: '2026-10', scope: '4401' }, // refused for the role's reach before the scope is judged
        { month: '2026-10' },
      ]) {
        const res = await publish(s[who], body);
        expect(res.status).toBe(403);
        expect(await json(res)).toMatchObject({
          code: 'AUTH_OUT_OF_SCOPE',
          message: expect.stringContaining('发布月度通报须由总局办理'),
        });
      }
    }
    expect(await stored()).toBe(0);
    expect(await mails()).toBe(0);
    // HQ's analyst still publishes the province's bulletin
    const ok = await publish(s['hq-analyst'], { month: '2026-10', scope: '44' });
    expect(ok.status).toBe(200);
    expect(await json(ok)).toEqual([expect.objectContaining({ scope: '44', published: true })]);
  });

  it('as point 10 for 情况说明: another unit’s head is refused (403) before its answer is judged', async () => {
    const [task] = await t.ds.query(`SELECT id::text FROM explanation_tasks WHERE bureau_code = '4401'`);
    const answer = (cookie: string, body: object) =>
      fetch(`${t.url}/api/statistics/tasks/${task.id}/answer`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    for (const body of [{ answer: 'x' }, { answer: 7 }, {}]) {
      const res = await answer(s['sg-head'], body);
      expect(res.status).toBe(403);
      expect(await json(res)).toMatchObject({ code: 'AUTH_OUT_OF_SCOPE' });
    }
    const own = await answer(s['gz-head'], { answer: 'x' });
    expect(own.status).toBe(400);
    expect(await json(own)).toMatchObject({ code: 'STATISTICS_ANSWER_LENGTH' });
  });

  it('point 4: 上级单位 only when the parent is the viewer’s to read', async () => {
    expect(parentLink(await page(s['th-monitor'], '440106'))).toBeNull(); // 4401 would answer 403
    expect(parentLink(await page(s['gd-analyst'], '44'))).toBeNull(); // 00 would answer 403
    expect(parentLink(await page(s['gd-analyst'], '4401'))).toBe('44');
    expect(parentLink(await page(s['hq-analyst'], '44'))).toBe('00');
    expect(parentLink(await page(s['hq-analyst'], '00'))).toBeNull(); // HQ has no parent
    // and the links shown lead to pages that answer
    const up = await fetch(`${t.url}/console/statistics?month=2026-10&scope=44`, {
      headers: { cookie: s['gd-analyst'], accept: 'text/html' },
    });
    expect(up.status).toBe(200);
  });

  it('point 7: assertVisible refuses with the table’s Chinese message', async () => {
    const res = await fetch(`${t.url}/api/statistics/monthly?month=2026-10&scope=4403`, {
      headers: { cookie: s['gd-analyst'] },
    });
    expect(res.status).toBe(403);
    const body = await json(res);
    expect(body).toMatchObject({
      code: 'AUTH_OUT_OF_SCOPE',
      message: '查看统计通报：对象不在您的管辖范围内',
    });
    expect(body.message).not.toMatch(/[A-Za-z]/);

    const gd: Principal = {
      userId: '1',
      username: 'u',
      displayName: 'u',
      role: 'monitor',
      bureauCode: '44',
      bureauPath: '00.44.',
      via: 'session',
    };
    const scopes = t.get(ScopeService);
    await expect(scopes.assertVisible(gd, '33')).rejects.toMatchObject({
      code: 'AUTH_OUT_OF_SCOPE',
      message: '查看单位信息：对象不在您的管辖范围内',
    });
    await expect(scopes.assertVisible(gd, '4401')).resolves.toBeUndefined();
    await expect(scopes.assertVisible(gd, '9999')).rejects.toMatchObject({ code: 'BUREAU_NOT_FOUND' });
  });
});
