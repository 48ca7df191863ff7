import { EscalationEngine } from '../../../src/escalation/engine/escalation.engine';
import { IncidentsService } from '../../../src/incidents/incidents.service';
import { createTestApp, TestApp } from '../../support/app';
import { addr, confirmedIncident, seedContacts } from '../escalation/escalation-harness';

/**
 * Who was mailed is recorded on the incident's timeline; a viewer reads the names and addresses of people only where
 * contacts.view reaches (src/organisation/contact-visibility.ts). An outside trial read the provincial and HQ heads'
 * addresses on a city monitor's incident page although /api/bureaus/44 refused them.
 */
interface Recorded {
  action: string;
  after: {
    recipients?: { name: string | null; email: string | null; role: string }[];
    alerted?: (string | null)[];
  };
}

describe('contact details on the incident timeline follow contacts.view (real PostgreSQL, real HTTP)', () => {
  let t: TestApp;
  const s: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    await seedContacts(t.ds, ['440106', '4401', '44', '00']);
    for (const [name, role, bureau] of [
      ['city-monitor', 'monitor', '4401'],
      ['gd-monitor', 'monitor', '44'],
    ] as const)
      s[name] = await t.userWithSession(name, role, bureau);
  });
  afterAll(() => t?.close());

  it('a city monitor sees its own people named and the province and HQ unnamed; a provincial monitor sees the province', async () => {
    const id = await confirmedIncident(t.ds, t.get(IncidentsService), t.clock, { bureau: '440106' });
    // Recorded as the escalation step applier writes them (escalation-step.applier.ts).
    await t.ds.query(
      `INSERT INTO incident_events (incident_id, at, actor_label, action, after) VALUES
         ($1, now(), '系统', 'escalation_step', $2::jsonb), ($1, now(), '系统', 'escalation_step_skipped', $3::jsonb)`,
      [
        id,
        JSON.stringify({
          bureau: '44',
          recipients: [
            { name: 'head-44', email: addr('head', '44'), role: 'head' },
            { name: 'head-4401', email: addr('head', '4401'), role: 'head' },
          ],
        }),
        JSON.stringify({ alerted: [addr('head', '00'), addr('liaison', '4401'), 'gone@tax.example.cn'] }),
      ],
    );
    const timeline = async (who: string) => {
      const res = await fetch(`${t.url}/api/incidents/${id}`, { headers: { cookie: s[who] } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { timeline: Recorded[] };
      return body.timeline.filter((e) => e.action.startsWith('escalation_step'));
    };
    const [step, skipped] = await timeline('city-monitor');
    expect(step.after.recipients).toEqual([
      { name: null, email: null, role: 'head' },
      { name: 'head-4401', email: addr('head', '4401'), role: 'head' },
    ]);
    expect(skipped.after.alerted).toEqual([null, addr('liaison', '4401'), null]);
    const page = await (
      await fetch(`${t.url}/console/incidents/${id}`, { headers: { cookie: s['city-monitor'] } })
    ).text();
    expect(page).not.toContain(addr('head', '44'));
    expect(page).not.toContain(addr('head', '00'));

    const [gdStep, gdSkipped] = await timeline('gd-monitor');
    expect(gdStep.after.recipients!.map((r) => r.email)).toEqual([addr('head', '44'), addr('head', '4401')]);
    expect(gdSkipped.after.alerted).toEqual([null, addr('liaison', '4401'), null]);
  });

  it('the escalation page names the superiors mailed only to those who may read their contacts', async () => {
    const id = await confirmedIncident(t.ds, t.get(IncidentsService), t.clock, { bureau: '440106' });
    // nobody acts: the ladder mails the city, the province and HQ in turn
    for (let day = 0; day < 3; day++) {
      t.clock.advance(24 * 3600_000);
      await t.get(EscalationEngine).drain();
    }
    // the sessions above lapsed while the clock moved on
    s['city-monitor'] = await t.userWithSession('city-monitor-2', 'monitor', '4401');
    s['gd-monitor'] = await t.userWithSession('gd-monitor-2', 'monitor', '44');
    type Entry = { recipientEmail: string | null; recipientName: string | null; recipientBureauCode: string };
    const log = async (who: string) => {
      const res = await fetch(`${t.url}/api/escalation/incidents/${id}`, { headers: { cookie: s[who] } });
      expect(res.status).toBe(200);
      return ((await res.json()) as { notifications: Entry[] }).notifications;
    };
    const city = await log('city-monitor');
    const above = city.filter((n) => ['44', '00'].includes(n.recipientBureauCode));
    expect(above.length).toBeGreaterThan(0);
    expect(above.every((n) => n.recipientEmail === null && n.recipientName === null)).toBe(true);
    expect(city.filter((n) => n.recipientBureauCode === '4401').map((n) => n.recipientEmail)).toContain(
      addr('head', '4401'),
    );
    const page = await (
      await fetch(`${t.url}/console/escalation/incidents/${id}`, { headers: { cookie: s['city-monitor'] } })
    ).text();
    expect(page).not.toContain(addr('head', '44'));
    expect(page).toContain('联系方式不在您的查看范围内');
    const province = await log('gd-monitor');
    expect(province.filter((n) => n.recipientBureauCode === '44').map((n) => n.recipientEmail)).toContain(
      addr('head', '44'),
    );
  });
});
