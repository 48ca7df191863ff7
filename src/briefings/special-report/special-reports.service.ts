import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../auth/roles';
import { ScopeService } from '../../auth/scope.service';
import { readReportForm } from '../../incidents/triage/report-form';
import { insertIncidentEvents } from '../../escalation/incident/incident-subject';
import { UpwardReports } from '../../escalation/incident/upward-reports.service';
import type { Actor } from '../../incidents/incident.types';
import { Clock } from '../../infrastructure/clock/clock';
import { DomainError } from '../../infrastructure/http/domain-error';
import { BriefingError } from '../briefings.errors';
import { draftSpecialReport } from './special-report-draft';
import { SpecialReportsRepository } from './special-reports.repository';
import { SECTION_FIELDS, SpecialReport, SpecialReportText } from './special-report.types';

const notFound = (what: string) =>
  new BriefingError('not_found', 'SPECIAL_REPORT_NOT_FOUND', `${what}不存在`);
const invalid = (msg: string) => new BriefingError('invalid', 'SPECIAL_REPORT_INVALID', msg);
const frozen = () => new BriefingError('conflict', 'SPECIAL_REPORT_SUBMITTED', '该专报已报送，不能再修改');

/**
 * 舆情专报: drafted in one click from the incident, edited, then submitted — which records the 文号 and the addressee as
 * the 已上报 evidence on the incident's report clocks through UpwardReports, the rule the 上报 mail link and the clock
 * buttons share (首报 met and the incident moved to 已上报 when still open for it; 书面报告 met), all in one
 * transaction with the report's freezing.
 * Who may: drafting and editing, anyone whose subtree holds the incident (special_report.write: it changes nothing on
 * the incident, and HQ analysts compile 专报); submitting, only who may 上报 the incident (and 签收 it, when nobody
 * has) by the incident's own rules — an HQ analyst drafts, a head or monitor submits.
 */
@Injectable()
export class SpecialReportsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly repo: SpecialReportsRepository,
    private readonly scopes: ScopeService,
    private readonly upward: UpwardReports,
  ) {}

  private actor(p: Principal): Actor {
    return { userId: p.userId, label: p.displayName || p.username, bureauCode: p.bureauCode };
  }

  private async assertIncidentVisible(p: Principal, db: DataSource | EntityManager, incidentId: string) {
    const [i] = /^[0-9]{1,18}$/.test(incidentId)
      ? await db.query(`SELECT bureau_code FROM incidents WHERE id = $1`, [incidentId])
      : [];
    if (!i) throw notFound(`事件 ${incidentId} `);
    await this.scopes.authorize(p, 'special_report.write', i.bureau_code ?? null);
  }

  /** The incident's open draft, or a new one written from its data. */
  async draft(p: Principal, incidentId: string): Promise<{ report: SpecialReport; created: boolean }> {
    await this.assertIncidentVisible(p, this.ds, incidentId);
    const existing = await this.repo.draftOf(incidentId);
    if (existing) return { report: existing, created: false };
    const now = this.clock.now();
    const figures = (await this.repo.figures(this.ds, incidentId, now))!;
    const [unit] = await this.ds.query(`SELECT name FROM bureaus WHERE code = $1`, [p.bureauCode]);
    const text = draftSpecialReport(figures, unit?.name ?? p.bureauCode);
    const report = await this.ds.transaction((em) =>
      this.repo.insertDraft(em, { incidentId, text, figures, by: this.actor(p).label, at: now }),
    );
    // a concurrent click made the draft first: that one is the draft
    return report
      ? { report, created: true }
      : { report: (await this.repo.draftOf(incidentId))!, created: false };
  }

  async get(p: Principal, id: string): Promise<SpecialReport> {
    const r = await this.repo.get(id);
    if (!r) throw notFound(`专报 ${id} `);
    await this.assertIncidentVisible(p, this.ds, r.incidentId);
    return r;
  }

  async update(
    p: Principal,
    id: string,
    input: Partial<Record<keyof SpecialReportText, unknown>>,
  ): Promise<SpecialReport> {
    const current = await this.get(p, id);
    if (current.status !== 'draft') throw frozen();
    const text = validText({ ...current, ...pickText(input) });
    await this.ds.transaction(async (em) => {
      const locked = await this.repo.get(id, em, true);
      if (locked?.status !== 'draft') throw frozen();
      await this.repo.update(em, id, text, this.clock.now());
    });
    return this.get(p, id);
  }

  /**
   * Whether `p` may submit this incident's 专报 now: submitting is a report upward (上报, and 签收 with it when nobody
   * has), so it takes the incident's own rules — the ones `POST /api/incidents/:id/transition` applies.
   */
  async maySubmit(p: Principal, incidentId: string): Promise<boolean> {
    try {
      await this.upward.authorize(this.ds.manager, p, incidentId, false);
      return true;
    } catch (e) {
      if (e instanceof DomainError && e.kind === 'forbidden') return false;
      throw e;
    }
  }

  async submit(
    p: Principal,
    id: string,
    input: { addressee?: unknown; reference?: unknown },
  ): Promise<SpecialReport> {
    const current = await this.get(p, id); // 404 or 403 before looking at the form
    await this.upward.authorize(this.ds.manager, p, current.incidentId, false);
    // A 专报 is a written report: the 上报 form of every route (the addressee, the 文号).
    const read = readReportForm({
      reportType: 'written',
      reportedTo: input.addressee,
      reference: input.reference,
    });
    if ('problem' in read) throw invalid(read.problem);
    const addressee = read.evidence.reportedTo;
    const reference = read.evidence.reference!;
    const actor = this.actor(p);
    await this.ds.transaction(async (em) => {
      const r = await this.repo.get(id, em, true);
      if (r?.status !== 'draft') throw frozen();
      // again on the locked incident: its status decides whether the submission acknowledges it too
      await this.upward.authorize(em, p, r.incidentId, true);
      const at = this.clock.now();
      const evidence = {
        reportType: 'written' as const,
        reference,
        reportedTo: addressee,
        specialReportId: id,
      };
      await this.upward.report(em, r.incidentId, evidence, actor, {
        acknowledge: '随专报一并签收',
        report: `报送舆情专报：${addressee}，文号：${reference}`,
      });
      await insertIncidentEvents(
        em,
        [
          {
            subjectId: r.incidentId,
            at,
            action: 'special_report',
            after: { ...evidence, title: r.title },
            comment: `舆情专报《${r.title}》报送${addressee}，文号：${reference}`,
          },
        ],
        actor.label,
      );
      await this.repo.submit(em, id, { addressee, reference, by: actor.label, at });
    });
    return this.get(p, id);
  }
}

function pickText(input: Partial<Record<keyof SpecialReportText, unknown>>): Partial<SpecialReportText> {
  const out: Partial<SpecialReportText> = {};
  for (const k of ['title', 'reportingUnit', ...SECTION_FIELDS] as const)
    if (typeof input[k] === 'string') out[k] = (input[k] as string).replace(/\r\n/g, '\n');
  return out;
}

function validText(t: SpecialReportText): SpecialReportText {
  const title = t.title.trim();
  const reportingUnit = t.reportingUnit.trim();
  if (!title || title.length > 200) throw invalid('标题不能为空，最多 200 字');
  if (!reportingUnit || reportingUnit.length > 200) throw invalid('报送单位不能为空，最多 200 字');
  for (const k of SECTION_FIELDS) if (t[k].length > 20000) throw invalid('每部分最多 20000 字');
  return { ...t, title, reportingUnit };
}
