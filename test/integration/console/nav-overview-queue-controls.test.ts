import type { Principal } from '../../../src/auth/roles';
import { renderOverviewPage } from '../../../src/overview/overview.view';
import type { ClockAlert, OverviewModel } from '../../../src/overview/overview.types';
import { SourcesService } from '../../../src/sources/sources.service';
import { createTestApp, TestApp } from '../../support/app';
import { json } from '../../support/http';

/**
 * Outside trial, points 3, 5 and 6: console pages offer only what the user may open or do — the nav and the
 * overview's 异常信息源 card follow source.view, a clock's subject links to its own kind's page, and the queue's
 * c/d shortcuts and dismiss dialog follow incident.confirm / incident.dismiss.
 */
describe('console controls follow the authorization table (real HTTP)', () => {
  let t: TestApp;
  const s: Record<string, string> = {};
  let troubled: string;
  let matterId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const users: [string, 'hq_analyst' | 'monitor' | 'head', string][] = [
      ['hq-analyst', 'hq_analyst', '00'],
      ['gd-analyst', 'hq_analyst', '44'],
      ['gd-monitor', 'monitor', '44'],
      ['gd-head', 'head', '44'],
    ];
    for (const [name, role, bureau] of users) s[name] = await t.userWithSession(name, role, bureau);
    troubled = (
      await t
        .get(SourcesService)
        .create(
          { name: '南方论坛', url: 'https://nf.example.com/rss', bureauCode: '44', authorityTier: 'forum' },
          null,
        )
    ).id;
    await t.ds.query(`UPDATE sources SET needs_attention = true, consecutive_errors = 4 WHERE id = $1`, [
      troubled,
    ]);
    // a 督办 matter due within the hour: its clock shows on Guangdong's overview
    const res = await fetch(`${t.url}/api/supervision`, {
      method: 'POST',
      headers: { cookie: s['hq-analyst'], 'content-type': 'application/json' },
      body: JSON.stringify({
        title: '关于办税服务厅排队问题的督办',
        instruction: '请核实情况并报告。',
        bureauCode: '44',
        dueAt: new Date(t.clock.now().getTime() + 30 * 60_000).toISOString(),
      }),
    });
    expect(res.status).toBe(201);
    matterId = (await json(res)).id;
  });
  afterAll(() => t?.close());

  const html = async (cookie: string, path: string) => {
    const res = await fetch(`${t.url}${path}`, { headers: { cookie, accept: 'text/html' } });
    return { status: res.status, text: await res.text() };
  };
  const navHrefs = (page: string) =>
    [...(page.match(/<nav class="nav"[^]*?<\/nav>/)?.[0] ?? '').matchAll(/href="([^"]+)"/g)].map((m) => m[1]);

  it('point 3: heads get neither the 信息源 nav item nor the 异常信息源 card; monitors get both, leading somewhere', async () => {
    const head = await html(s['gd-head'], '/console');
    expect(head.status).toBe(200);
    expect(navHrefs(head.text)).not.toContain('/console/sources');
    expect(head.text).not.toContain('id="troubled-sources"');
    expect(head.text).not.toContain('南方论坛');
    expect((await html(s['gd-head'], '/console/sources')).status).toBe(403); // what the link used to lead to

    const monitor = await html(s['gd-monitor'], '/console');
    expect(navHrefs(monitor.text)).toContain('/console/sources');
    expect(monitor.text).toContain('id="troubled-sources"');
    expect(monitor.text).toContain(`<a href="/console/sources/${troubled}">南方论坛</a>`);
    expect((await html(s['gd-monitor'], `/console/sources/${troubled}`)).status).toBe(200);
    // every nav item a user is shown opens for that user
    for (const who of ['gd-head', 'gd-monitor', 'gd-analyst']) {
      for (const href of navHrefs((await html(s[who], '/console')).text).filter((h) => h !== '/'))
        expect([who, href, (await html(s[who], href)).status]).toEqual([who, href, 200]);
    }
  });

  it('point 5: a supervision matter’s deadline links to the matter, under its own name', async () => {
    const page = (await html(s['gd-monitor'], '/console')).text;
    expect(page).toContain(
      `<a href="/console/supervision/${matterId}">督办事项：关于办税服务厅排队问题的督办</a>`,
    );
    expect(page).not.toContain('/console/statistics/tasks/');
    expect((await html(s['gd-monitor'], `/console/supervision/${matterId}`)).status).toBe(200);
  });

  it('point 5: each clock subject kind renders its own page and label', () => {
    const p: Principal = {
      userId: '1',
      username: 'u',
      displayName: 'u',
      role: 'monitor',
      bureauCode: '44',
      bureauPath: '00.44.',
      via: 'session',
    };
    const clock = (over: Partial<ClockAlert>): ClockAlert => ({
      id: over.subjectId ?? '1',
      kind: 'acknowledge',
      grade: null,
      dueAt: new Date('2026-11-02T01:00:00Z'),
      subjectKind: 'incident',
      subjectId: '1',
      bureauCode: '44',
      bureauName: '广东省税务局',
      incidentTitle: null,
      supervisionTitle: null,
      explanationMonth: null,
      headName: null,
      headPhone: null,
      overdue: true,
      ...over,
    });
    const zero = { I: 0, II: 0, III: 0, IV: 0 };
    const model: OverviewModel = {
      now: new Date('2026-11-02T02:00:00Z'),
      scopeName: '广东',
      totals: { today: zero, week: zero },
      byUnit: [],
      open: [],
      dueSoon: [],
      overdue: [
        clock({ subjectKind: 'incident', subjectId: '7', incidentTitle: '排队三小时' }),
        clock({
          subjectKind: 'explanation',
          subjectId: '8',
          kind: 'explanation',
          explanationMonth: '2026-10',
        }),
        clock({
          subjectKind: 'supervision',
          subjectId: '9',
          kind: 'supervision',
          supervisionTitle: '督办甲',
        }),
      ],
      triage: { total: 0, oldest: [] },
      sources: [],
    };
    const page = renderOverviewPage(p, model).replace(/\s+/g, ' ');
    expect(page).toContain('<a href="/console/escalation/incidents/7">排队三小时</a>');
    expect(page).toMatch(
      /<a href="\/console\/statistics\/tasks\/8"\s*>情况说明（2026年10月统计通报）<\/a\s*>/,
    );
    expect(page).toContain('<a href="/console/supervision/9">督办事项：督办甲</a>');
    expect(renderOverviewPage(p, { ...model, sources: null })).not.toContain('id="troubled-sources"');
  });

  it('point 6: the queue offers c/d and the dismiss dialog only to roles that may confirm and dismiss', async () => {
    for (const who of ['gd-head', 'gd-analyst']) {
      const page = (await html(s[who], '/console/incidents')).text;
      expect(page).toContain('<kbd>j / n</kbd>');
      expect(page).not.toContain('<kbd>c</kbd>');
      expect(page).not.toContain('<kbd>d</kbd>');
      expect(page).not.toContain('id="dismiss-dialog"');
      expect(page).toContain('data-can-confirm="" data-can-dismiss=""');
    }
    const monitor = (await html(s['gd-monitor'], '/console/incidents')).text;
    expect(monitor).toContain('<kbd>c</kbd>');
    expect(monitor).toContain('<kbd>d</kbd>');
    expect(monitor).toContain('id="dismiss-dialog"');
    expect(monitor).toContain('data-can-confirm="1" data-can-dismiss="1"');
  });
});
