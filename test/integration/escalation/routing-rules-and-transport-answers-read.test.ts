import { IncidentsService } from '../../../src/incidents/incidents.service';
import { MailSender } from '../../../src/notifications/mail-sender.service';
import { createTestApp, TestApp } from '../../support/app';
import { json } from '../../support/http';
import { confirmedIncident, seedContacts } from './escalation-harness';

/**
 * Outside trial, points 8 and 9: reading routing rules is an action of the table (routing.view: admins and monitors,
 * each reading the rules it reaches plus HQ's), and the mail server's answers are too (mail.transport_view: HQ's
 * admins) — no role checks outside permissions.ts.
 */
describe('escalation reads decided by the table (real HTTP)', () => {
  let t: TestApp;
  const s: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    await seedContacts(t.ds);
    const users: [string, 'admin' | 'hq_analyst' | 'monitor' | 'head', string][] = [
      ['hq-admin', 'admin', '00'],
      ['gd-admin', 'admin', '44'],
      ['gd-monitor', 'monitor', '44'],
      ['gd-head', 'head', '44'],
      ['gd-analyst', 'hq_analyst', '44'],
      ['zj-monitor', 'monitor', '33'],
    ];
    for (const [name, role, bureau] of users) s[name] = await t.userWithSession(name, role, bureau);
  });
  afterAll(() => t?.close());

  const call = async (cookie: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await json(res) };
  };
  const names = async (cookie: string) =>
    (await call(cookie, 'GET', '/api/escalation/routing-rules')).body
      .map((r: { name: string }) => r.name)
      .sort();

  it('point 8: routing rules are read by their owner’s reach, HQ’s by every reader; heads and analysts read none', async () => {
    const rule = (name: string, regionPrefix: string, bureauCode: string) =>
      call(s['hq-admin'], 'POST', '/api/escalation/routing-rules', {
        name,
        category: '系统故障',
        regionPrefix,
        bureauCode,
      });
    expect((await rule('广州规则', '4401', '44')).status).toBe(201); // owned by Guangdong
    expect((await rule('杭州规则', '3301', '33')).status).toBe(201); // owned by Zhejiang
    const hq = '全国性系统故障（电子税务局等）由总局办公室处置'; // the seeded national rule

    expect(await names(s['hq-admin'])).toEqual([hq, '广州规则', '杭州规则'].sort());
    expect(await names(s['gd-admin'])).toEqual([hq, '广州规则'].sort());
    expect(await names(s['gd-monitor'])).toEqual([hq, '广州规则'].sort());
    expect(await names(s['zj-monitor'])).toEqual([hq, '杭州规则'].sort());
    for (const who of ['gd-head', 'gd-analyst']) {
      const res = await call(s[who], 'GET', '/api/escalation/routing-rules');
      expect(res).toMatchObject({
        status: 403,
        body: { code: 'AUTH_ROLE_FORBIDDEN', message: expect.stringContaining('无权查看路由规则') },
      });
    }
  });

  it('point 9: the transport’s answers are HQ admins’ only — a provincial admin sees results, not answers', async () => {
    const id = await confirmedIncident(t.ds, t.get(IncidentsService), t.clock);
    await t.get(MailSender).drain();
    const attempts = async (who: string) => {
      const view = (await call(s[who], 'GET', `/api/escalation/incidents/${id}`)).body;
      return view.notifications.flatMap((n: { attempts: { result: string; response: string | null }[] }) =>
        n.attempts.map((a) => a.response),
      ) as (string | null)[];
    };
    const hq = await attempts('hq-admin');
    expect(hq.length).toBeGreaterThan(0);
    expect(hq.every((r) => typeof r === 'string' && r.length > 0)).toBe(true);
    const gd = await attempts('gd-admin');
    expect(gd).toHaveLength(hq.length);
    expect(gd.every((r) => r === null)).toBe(true);
    expect((await attempts('gd-monitor')).every((r) => r === null)).toBe(true);
  });
});
