import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/roles';
import { isHqPath, roleMay } from '../auth/policy/policy';
import { bureauShortName } from '../console/layout';
import { GRADES, Grade } from '../incidents/incident.types';
import { Clock } from '../infrastructure/clock/clock';
import { beijingDayStart, beijingWeekStart } from './overview-time';
import { OverviewRepository } from './overview.repository';
import type { OverviewModel, UnitNewRow } from './overview.types';

const zero = (): Record<Grade, number> => ({ I: 0, II: 0, III: 0, IV: 0 });
const DUE_SOON_MS = 3600_000;

/** 态势总览: the figures of the principal's subtree at the injected clock's "now". */
@Injectable()
export class OverviewService {
  constructor(
    private readonly repo: OverviewRepository,
    private readonly clock: Clock,
  ) {}

  async forPrincipal(p: Principal): Promise<OverviewModel> {
    const now = this.clock.now();
    const path = p.bureauPath;
    const hq = isHqPath(path);
    // '00.44.' has 2 segments: its children are segment 3 of an incident's path.
    const childIndex = path.split('.').filter(Boolean).length + 1;
    const [news, open, children, clocks, triage, sources] = await Promise.all([
      this.repo.newIncidents(path, hq, childIndex, beijingDayStart(now), beijingWeekStart(now)),
      this.repo.openByUnit(path, hq, childIndex),
      this.repo.childUnits(p.bureauCode),
      this.repo.clockAlerts(path, now, new Date(now.getTime() + DUE_SOON_MS)),
      this.repo.triage(path, hq),
      // the card links to the sources pages: only for a role that may open them (source.view)
      roleMay(p.role, 'source.view') ? this.repo.troubledSources(path) : null,
    ]);
    const name = (code: string) =>
      code ? (children.find((c) => c.code === code)?.shortName ?? bureauShortName(code)) : '本级及未分派';

    const totals = { today: zero(), week: zero() };
    const rows = new Map<string, UnitNewRow>();
    for (const n of news) {
      totals.today[n.grade] += n.today;
      totals.week[n.grade] += n.week;
      let row = rows.get(n.unitCode);
      if (!row) {
        row = { code: n.unitCode, name: name(n.unitCode), today: zero(), week: zero() };
        rows.set(n.unitCode, row);
      }
      row.today[n.grade] += n.today;
      row.week[n.grade] += n.week;
    }
    const byUnit = [...rows.values()].sort(
      (a, b) => sum(b.week) - sum(a.week) || a.code.localeCompare(b.code),
    );

    const openBy = new Map(open.map((o) => [o.unitCode, o]));
    const codes = [...children.map((c) => c.code), ...(openBy.has('') ? [''] : [])];
    const openRows = codes.map((code) => ({
      code,
      name: name(code),
      open: openBy.get(code)?.open ?? 0,
      major: openBy.get(code)?.major ?? 0,
    }));

    return {
      now,
      scopeName: bureauShortName(p.bureauCode),
      totals,
      byUnit,
      open: openRows,
      dueSoon: clocks.filter((c) => !c.overdue),
      overdue: clocks.filter((c) => c.overdue),
      triage,
      sources,
    };
  }
}

export function sum(r: Record<Grade, number>): number {
  return GRADES.reduce((s, g) => s + r[g], 0);
}
