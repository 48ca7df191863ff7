import { IncidentsService } from '../../../src/incidents/incidents.service';
import { createTestApp, TestApp } from '../../support/app';
import { confirmedIncident, linksIn, seedContacts } from './escalation-harness';

/**
 * A routing rule that sends an incident to another bureau makes it that bureau's incident (src/escalation/policy/
 * incident-placement.ts). An outside trial found the incident routes judging the incident's own bureau while the
 * escalation pages and signed links judged the routed one: the unit named in the mails could acknowledge by link but
 * not open the incident, and the unit it left could still act on it but not see its deadlines.
 */
describe('routed incidents: one bureau for every route, page and link (real PostgreSQL, real HTTP)', () => {
  let t: TestApp;
  const s: Record<string, string> = {};
  const BAIYUN = '440111';
  const LIWAN = '440103';

  beforeAll(async () => {
    t = await createTestApp();
    await seedContacts(t.ds, [BAIYUN, LIWAN, '440106', '4401', '44', '00']);
    for (const [name, role, bureau] of [
      ['by-monitor', 'monitor', BAIYUN],
      ['by-head', 'head', BAIYUN],
      ['lw-head', 'head', LIWAN],
      ['gz-monitor', 'monitor', '4401'],
    ] as const)
      s[name] = await t.userWithSession(name, role, bureau);
    await t.ds.query(
      `INSERT INTO routing_rules (name, priority, region_prefix, only_unassigned, bureau_code, created_at)
       VALUES ('白云区舆情交由荔湾区局处置', 5, $1, false, $2, now())`,
      [BAIYUN, LIWAN],
    );
  });
  afterAll(() => t?.close());

  const call = async (cookie: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  };
  const row = async (id: string) =>
    (
      await t.ds.query(
        `SELECT bureau_code AS "bureauCode", status, version,
                (SELECT array_agg(DISTINCT bureau_code) FROM escalation_clocks c
                  WHERE c.subject_id = i.id AND c.status IN ('running','missed')) AS "clockBureaus"
           FROM incidents i WHERE id = $1`,
        [id],
      )
    )[0];

  it('confirming places the incident with the routed bureau: its head sees and acts on every path, the old unit on none', async () => {
    const id = await confirmedIncident(t.ds, t.get(IncidentsService), t.clock, {
      bureau: BAIYUN,
      region: BAIYUN,
      grade: 'III',
      confirm: false,
    });
    const confirm = await fetch(`${t.url}/console/incidents/${id}/act`, {
      method: 'POST',
      headers: { cookie: s['by-monitor'], 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ op: 'confirm', expectedVersion: '1' }).toString(),
      redirect: 'manual',
    });
    // the monitor who confirmed it is told where it went, on the queue (its page would now refuse them)
    expect(confirm.status).toBe(303);
    const back = new URL(confirm.headers.get('location')!, t.url);
    expect(back.pathname).toBe('/console/incidents');
    expect(back.searchParams.get('msg')).toBe(`已确认；事件 #${id} 现属单位 ${LIWAN}，已不在您的管辖范围内`);
    expect(await row(id)).toMatchObject({
      bureauCode: LIWAN,
      status: 'confirmed',
      version: 2,
      clockBureaus: [LIWAN],
    });
    const [started] = await t.ds.query(
      `SELECT after, comment FROM incident_events WHERE incident_id = $1 AND action = 'escalation_started'`,
      [id],
    );
    expect(started.after).toMatchObject({ responsibleBureau: LIWAN, routedBy: 'rule', placedFrom: BAIYUN });
    expect(started.comment).toContain(`事件改属该单位（原属 ${BAIYUN}）`);

    // the unit it was sent to: the incident, its deadlines page and its mailed link agree
    expect((await call(s['lw-head'], 'GET', `/api/incidents/${id}`)).status).toBe(200);
    expect((await call(s['lw-head'], 'GET', `/api/escalation/incidents/${id}`)).status).toBe(200);
    const [mail] = await t.ds.query(
      `SELECT html_body FROM outbox_emails WHERE dedupe_key LIKE $1 AND to_email = $2`,
      [`%${id}%`, `head.${LIWAN}@tax.example.cn`],
    );
    const link = linksIn(mail.html_body)['签收']?.replace(/^https?:\/\/[^/]+/, t.url);
    expect(link).toBeDefined();
    expect((await fetch(link)).status).toBe(200);
    // the unit it left: refused alike everywhere, and nothing is offered to it
    for (const path of [`/api/incidents/${id}`, `/api/escalation/incidents/${id}`])
      expect((await call(s['by-head'], 'GET', path)).status).toBe(403);
    expect(
      (
        await call(s['by-head'], 'POST', `/api/incidents/${id}/transition`, {
          action: 'acknowledge',
          expectedVersion: 2,
        })
      ).status,
    ).toBe(403);
    const list = JSON.parse((await call(s['by-monitor'], 'GET', '/api/incidents')).text);
    expect(JSON.stringify(list)).not.toContain(`"id":"${id}"`);

    const ack = await call(s['lw-head'], 'POST', `/api/incidents/${id}/transition`, {
      action: 'acknowledge',
      expectedVersion: 2,
    });
    expect(ack.status).toBe(200);
    expect(await row(id)).toMatchObject({ bureauCode: LIWAN, status: 'acknowledged' });
  });

  it('a person who then reassigns it is not overruled by the rule: the clocks follow their choice', async () => {
    const id = await confirmedIncident(t.ds, t.get(IncidentsService), t.clock, {
      bureau: BAIYUN,
      region: BAIYUN,
      grade: 'III',
    });
    expect(await row(id)).toMatchObject({ bureauCode: LIWAN, clockBureaus: [LIWAN] });
    const { version } = await row(id);
    const moved = await call(s['gz-monitor'], 'POST', `/api/incidents/${id}/reassign`, {
      bureauCode: '440106',
      expectedVersion: version,
    });
    expect(moved.status).toBe(200);
    expect(await row(id)).toMatchObject({ bureauCode: '440106', clockBureaus: ['440106'] });
  });
});
