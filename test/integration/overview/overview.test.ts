import type { Principal } from '../../../src/auth/roles';
import { IncidentsService } from '../../../src/incidents/incidents.service';
import { FakeClock } from '../../../src/infrastructure/clock/clock';
import { OverviewService } from '../../../src/overview/overview.service';
import { createTestApp, TestApp } from '../../support/app';
import { confirmedIncident } from '../escalation/escalation-harness';

const principal = (bureauCode: string, bureauPath: string): Principal => ({
  userId: '1',
  username: 'u',
  displayName: 'u',
  role: 'monitor',
  bureauCode,
  bureauPath,
  via: 'session',
});

/** 态势总览's figures against the real schema: week boundaries in Beijing time, HQ sees unassigned incidents. */
describe('OverviewService (real PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Wednesday 2026-12-02 10:00 in Beijing
    t = await createTestApp({ clock: new FakeClock(new Date('2026-12-02T02:00:00Z')) });
    const incidents = t.get(IncidentsService);
    // last Sunday (previous week): not counted this week, still open
    t.clock.set(new Date('2026-11-29T12:00:00Z'));
    await confirmedIncident(t.ds, incidents, t.clock, { grade: 'III', title: '上周事件', confirm: false });
    // Monday this week, and today: an unassigned Ⅰ
    t.clock.set(new Date('2026-11-30T01:00:00Z'));
    await confirmedIncident(t.ds, incidents, t.clock, { grade: 'IV', title: '周一事件', confirm: false });
    t.clock.set(new Date('2026-12-02T01:30:00Z'));
    await confirmedIncident(t.ds, incidents, t.clock, {
      bureau: null,
      grade: 'I',
      title: '未分派',
      confirm: false,
    });
    t.clock.set(new Date('2026-12-02T02:00:00Z'));
  });
  afterAll(() => t.close());

  it('counts HQ new incidents by Beijing day and week, unassigned ones under 本级及未分派', async () => {
    const m = await t.get(OverviewService).forPrincipal(principal('00', '00.'));
    expect(m.totals.week).toEqual({ I: 1, II: 0, III: 0, IV: 1 });
    expect(m.totals.today).toEqual({ I: 1, II: 0, III: 0, IV: 0 });
    expect(m.byUnit.map((r) => [r.code, r.name])).toEqual([
      ['', '本级及未分派'],
      ['44', '广东省税务局'],
    ]);
    expect(m.open.find((o) => o.code === '44')).toMatchObject({ open: 2, major: 0 });
    expect(m.open.find((o) => o.code === '')).toMatchObject({ open: 1, major: 1 });
    expect(m.open.filter((o) => o.code !== '')).toHaveLength(36);
    expect(m.triage.total).toBe(3);
    expect(m.triage.oldest.map((i) => i.title)).toEqual(['上周事件', '周一事件', '未分派']);
  });

  it("keeps a province to its own subtree, without HQ's unassigned incidents", async () => {
    const m = await t.get(OverviewService).forPrincipal(principal('44', '00.44.'));
    expect(m.totals.week).toEqual({ I: 0, II: 0, III: 0, IV: 1 });
    expect(m.triage.total).toBe(2);
    expect(m.open.find((o) => o.code === '4401')).toMatchObject({ open: 2 });
    const zj = await t.get(OverviewService).forPrincipal(principal('33', '00.33.'));
    expect(zj.triage.total).toBe(0);
    expect(zj.open.every((o) => o.open === 0)).toBe(true);
  });
});
