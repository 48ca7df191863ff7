import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ACTION_LABELS } from '../../incidents/triage/incident-state';
import { SpecialReport, SpecialReportFigures, SpecialReportText } from './special-report.types';

type Db = DataSource | EntityManager;

const COLUMNS = `id::text, incident_id::text AS "incidentId", status, title, basic, spread, units, measures,
  next_steps AS "nextSteps", reporting_unit AS "reportingUnit", addressee, reference, figures, created_by AS "createdBy",
  created_at AS "createdAt", updated_at AS "updatedAt", submitted_by AS "submittedBy", submitted_at AS "submittedAt"`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
type Row = Omit<SpecialReport, 'createdAt' | 'updatedAt' | 'submittedAt'> & {
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
};
const toReport = (r: Row): SpecialReport => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  submittedAt: iso(r.submittedAt),
});

/** Timeline actions that count as 已采取措施 in the draft. */
const MEASURE_ACTIONS = ['confirm', 'acknowledge', 'report', 'respond', 'close', 'written_report'];

/** special_reports, and the incident data a draft is written from. */
@Injectable()
export class SpecialReportsRepository {
  constructor(private readonly ds: DataSource) {}

  /** The incident's figures now; null when there is no such incident. */
  async figures(db: Db, incidentId: string, now: Date): Promise<SpecialReportFigures | null> {
    const [i] = await db.query(
      `SELECT i.id::text, i.title, i.grade, i.category, i.status, i.bureau_code, b.name AS bureau_name, i.detected_at,
              i.published_at, i.first_seen_at, i.last_seen_at, i.item_count, i.source_count, i.central_source_count,
              i.peak_items_per_hour, i.heat
         FROM incidents i LEFT JOIN bureaus b ON b.code = i.bureau_code WHERE i.id = $1`,
      [incidentId],
    );
    if (!i) return null;
    const spread: { hour: Date; tier: string; count: number }[] = await db.query(
      `SELECT date_trunc('hour', it.ingested_at) AS hour, s.authority_tier AS tier, count(*)::int AS count
         FROM items it JOIN sources s ON s.id = it.source_id WHERE it.incident_id = $1 GROUP BY 1, 2 ORDER BY 1`,
      [incidentId],
    );
    const events: { at: Date; action: string; comment: string | null }[] = await db.query(
      `SELECT at, action, comment FROM incident_events WHERE incident_id = $1 AND action = ANY($2) ORDER BY id`,
      [incidentId, MEASURE_ACTIONS],
    );
    return {
      incidentId: i.id,
      title: i.title,
      grade: i.grade,
      category: i.category,
      status: i.status,
      bureauCode: i.bureau_code,
      bureauName: i.bureau_name,
      detectedAt: i.detected_at.toISOString(),
      publishedAt: i.published_at ? i.published_at.toISOString() : null,
      firstSeenAt: i.first_seen_at.toISOString(),
      lastSeenAt: i.last_seen_at.toISOString(),
      itemCount: i.item_count,
      sourceCount: i.source_count,
      centralSourceCount: i.central_source_count,
      peakItemsPerHour: i.peak_items_per_hour,
      heat: Number(i.heat),
      spread: spread.map((s) => ({ hour: s.hour.toISOString(), tier: s.tier, count: s.count })),
      actions: events.map((e) => ({
        at: e.at.toISOString(),
        label: e.comment || ACTION_LABELS[e.action as keyof typeof ACTION_LABELS] || e.action,
      })),
      asOf: now.toISOString(),
    };
  }

  /** Inserts a draft; null when the incident already has one (at most one draft per incident). */
  async insertDraft(
    em: EntityManager,
    d: { incidentId: string; text: SpecialReportText; figures: SpecialReportFigures; by: string; at: Date },
  ): Promise<SpecialReport | null> {
    const t = d.text;
    const [row] = await em.query(
      `INSERT INTO special_reports (incident_id, status, title, basic, spread, units, measures, next_steps, reporting_unit,
                                    figures, created_by, created_at, updated_at)
       VALUES ($1, 'draft', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
       ON CONFLICT (incident_id) WHERE status = 'draft' DO NOTHING RETURNING ${COLUMNS}`,
      [
        d.incidentId,
        t.title,
        t.basic,
        t.spread,
        t.units,
        t.measures,
        t.nextSteps,
        t.reportingUnit,
        JSON.stringify(d.figures),
        d.by,
        d.at,
      ],
    );
    return row ? toReport(row) : null;
  }

  async get(id: string, db: Db = this.ds, lock = false): Promise<SpecialReport | null> {
    if (!/^[0-9]{1,18}$/.test(id)) return null;
    const [row] = await db.query(
      `SELECT ${COLUMNS} FROM special_reports WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return row ? toReport(row) : null;
  }

  async draftOf(incidentId: string, db: Db = this.ds): Promise<SpecialReport | null> {
    const [row] = await db.query(
      `SELECT ${COLUMNS} FROM special_reports WHERE incident_id = $1 AND status = 'draft'`,
      [incidentId],
    );
    return row ? toReport(row) : null;
  }

  async ofIncident(incidentId: string): Promise<SpecialReport[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM special_reports WHERE incident_id = $1 ORDER BY id`,
      [incidentId],
    );
    return rows.map(toReport);
  }

  async update(em: EntityManager, id: string, t: SpecialReportText, at: Date): Promise<void> {
    await em.query(
      `UPDATE special_reports SET title = $2, basic = $3, spread = $4, units = $5, measures = $6, next_steps = $7,
              reporting_unit = $8, updated_at = $9 WHERE id = $1 AND status = 'draft'`,
      [id, t.title, t.basic, t.spread, t.units, t.measures, t.nextSteps, t.reportingUnit, at],
    );
  }

  async submit(
    em: EntityManager,
    id: string,
    s: { addressee: string; reference: string; by: string; at: Date },
  ): Promise<void> {
    await em.query(
      `UPDATE special_reports SET status = 'submitted', addressee = $2, reference = $3, submitted_by = $4,
              submitted_at = $5, updated_at = $5 WHERE id = $1 AND status = 'draft'`,
      [id, s.addressee, s.reference, s.by, s.at],
    );
  }
}
