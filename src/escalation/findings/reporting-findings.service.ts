import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor, Grade, IncidentSnapshot } from '../../incidents/incident.types';
import { rootLogger } from '../../infrastructure/logging/logger';
import { insertIncidentEvents } from '../incident/incident-subject';
import {
  ActorRelation,
  actorRelation,
  isConcealment,
  isLowering,
  isSuspectedConcealment,
  undoesLowering,
} from './reporting-findings';
import { FINDING_LABELS, FindingKind } from '../escalation.types';

export interface NewFinding {
  incidentId: string;
  bureauCode: string;
  kind: FindingKind;
  at: Date;
  clockId?: string | null;
  evidence: Record<string, unknown>;
}

interface PriorDecision {
  id: string;
  at: Date;
  actorLabel: string;
  actorPath: string | null;
  isSystem: boolean;
  before: { grade?: Grade } | null;
  after: { grade?: Grade; reason?: string } | null;
  comment: string | null;
}

/** reporting_findings: one row per (incident, unit, kind), with the evidence, noted on the incident's timeline. */
@Injectable()
export class ReportingFindingsService {
  private readonly log = rootLogger().child({ ctx: 'escalation.findings' });

  constructor(private readonly db: DataSource) {}

  /** Records the findings that are new (a unit is found late, missed or concealing at most once per incident). */
  async record(em: EntityManager, findings: NewFinding[]): Promise<number> {
    if (findings.length === 0) return 0;
    const rows: { incident_id: string; kind: FindingKind; bureau_code: string; found_at: Date }[] =
      await em.query(
        `INSERT INTO reporting_findings (incident_id, bureau_code, kind, found_at, clock_id, evidence)
       SELECT x.incident_id, x.bureau_code, x.kind, x.found_at, x.clock_id, x.evidence
         FROM jsonb_to_recordset($1::jsonb) AS x(incident_id bigint, bureau_code text, kind text, found_at timestamptz,
              clock_id bigint, evidence jsonb)
       ON CONFLICT (incident_id, bureau_code, kind) DO NOTHING
       RETURNING incident_id::text, kind, bureau_code, found_at`,
        [
          JSON.stringify(
            findings.map((f) => ({
              incident_id: f.incidentId,
              bureau_code: f.bureauCode,
              kind: f.kind,
              found_at: f.at.toISOString(),
              clock_id: f.clockId ?? null,
              evidence: f.evidence,
            })),
          ),
        ],
      );
    await insertIncidentEvents(
      em,
      rows.map((r) => ({
        subjectId: r.incident_id,
        at: r.found_at,
        action: 'reporting_finding',
        after: { kind: r.kind, bureauCode: r.bureau_code },
        comment: `记录${FINDING_LABELS[r.kind]}：${r.bureau_code}`,
      })),
      '系统',
    );
    for (const r of rows)
      this.log.warn(
        { incidentId: r.incident_id, bureau: r.bureau_code, kind: r.kind },
        'reporting finding recorded',
      );
    return rows.length;
  }

  /** 瞒报 by dismissal: called when a dismissed incident is confirmed again. */
  async checkReconfirmation(em: EntityManager, inc: IncidentSnapshot, actor: Actor, at: Date): Promise<void> {
    if (!inc.bureauCode) return;
    const prior = await this.lastDecision(em, inc.id, `e.action = 'dismiss'`);
    if (!prior) return;
    await this.recordConcealment(em, inc, prior, actor, at, (reversal) => ({
      how: 'dismissed',
      dismissedAt: prior.at,
      dismissedBy: prior.actorLabel,
      dismissReason: prior.after?.reason ?? null,
      dismissComment: prior.comment,
      confirmedAt: at,
      confirmedBy: actor.label,
      confirmedByRelation: reversal,
      grade: inc.grade,
    }));
  }

  /** 疑似瞒报: called when a confirmed incident is dismissed; recorded when its own unit did it. */
  async checkDismissal(em: EntityManager, inc: IncidentSnapshot, actor: Actor, at: Date): Promise<void> {
    if (!inc.bureauCode) return;
    if (!isSuspectedConcealment(await this.relationOf(em, actor, inc.bureauPath))) return;
    const confirmation = await this.lastDecision(em, inc.id, `e.action = 'confirm'`);
    await this.record(em, [
      {
        incidentId: inc.id,
        bureauCode: inc.bureauCode,
        kind: 'suspected_concealment',
        at,
        evidence: {
          how: 'dismissed_after_confirmation',
          confirmedAt: confirmation?.at ?? inc.confirmedAt,
          confirmedBy: confirmation?.actorLabel ?? null,
          confirmedAutomatically: confirmation?.isSystem ?? null,
          dismissedAt: at,
          dismissedBy: actor.label,
          dismissReason: inc.dismissReason,
          dismissComment: inc.dismissComment,
          grade: inc.grade,
          itemCount: inc.itemCount,
          heat: inc.heat,
        },
      },
    ]);
  }

  /** 瞒报 by downgrade: called when the grade is raised again. */
  async checkRegrade(
    em: EntityManager,
    inc: IncidentSnapshot,
    from: Grade,
    to: Grade,
    actor: Actor,
    at: Date,
  ): Promise<void> {
    if (!inc.bureauCode || isLowering(from, to)) return;
    const prior = await this.lastDecision(
      em,
      inc.id,
      `e.action = 'regrade' AND (e.after->>'grade') > (e.before->>'grade')`,
    );
    const loweredTo = prior?.after?.grade;
    if (!prior || !loweredTo || !undoesLowering(loweredTo, to)) return;
    await this.recordConcealment(em, inc, prior, actor, at, (reversal) => ({
      how: 'downgraded',
      downgradedAt: prior.at,
      downgradedBy: prior.actorLabel,
      downgradedFrom: prior.before?.grade ?? null,
      downgradedTo: loweredTo,
      downgradeReason: prior.comment,
      raisedAt: at,
      raisedBy: actor.label,
      raisedByRelation: reversal,
      raisedTo: to,
    }));
  }

  /**
   * 瞒报 when `actor` reverses `prior` and the two relations to the incident's unit say the unit hid it
   * (isConcealment); `evidence` describes the reversal, the incident's size is added.
   */
  private async recordConcealment(
    em: EntityManager,
    inc: IncidentSnapshot,
    prior: PriorDecision,
    actor: Actor,
    at: Date,
    evidence: (reversal: ActorRelation) => Record<string, unknown>,
  ): Promise<void> {
    if (!inc.bureauCode) return;
    const reversal = await this.relationOf(em, actor, inc.bureauPath);
    const before = actorRelation({ isSystem: prior.isSystem, bureauPath: prior.actorPath }, inc.bureauPath);
    if (!isConcealment(before, reversal)) return;
    await this.record(em, [
      {
        incidentId: inc.id,
        bureauCode: inc.bureauCode,
        kind: 'concealed',
        at,
        evidence: { ...evidence(reversal), itemCount: inc.itemCount, heat: inc.heat },
      },
    ]);
  }

  list(filter: { bureauPath: string; from?: Date; to?: Date; kind?: string }) {
    return this.db.query(
      `SELECT f.id::text, f.incident_id::text AS "incidentId", f.bureau_code AS "bureauCode", b.name AS "bureauName",
              f.kind, f.found_at AS "foundAt", f.clock_id::text AS "clockId", f.evidence
         FROM reporting_findings f JOIN bureaus b ON b.code = f.bureau_code
        WHERE b.path LIKE $1 || '%' AND ($2::timestamptz IS NULL OR f.found_at >= $2)
          AND ($3::timestamptz IS NULL OR f.found_at < $3) AND ($4::text IS NULL OR f.kind = $4)
        ORDER BY f.found_at DESC, f.id DESC LIMIT 1000`,
      [filter.bureauPath, filter.from ?? null, filter.to ?? null, filter.kind ?? null],
    );
  }

  private async lastDecision(
    em: EntityManager,
    incidentId: string,
    where: string,
  ): Promise<PriorDecision | null> {
    const [row] = await em.query(
      `SELECT e.id::text, e.at, e.actor_label AS "actorLabel", b.path AS "actorPath",
              (e.actor_user_id IS NULL AND e.actor_label = '系统') AS "isSystem", e.before, e.after, e.comment
         FROM incident_events e LEFT JOIN users u ON u.id = e.actor_user_id LEFT JOIN bureaus b ON b.code = u.bureau_code
        WHERE e.incident_id = $1 AND ${where} ORDER BY e.id DESC LIMIT 1`,
      [incidentId],
    );
    return row ?? null;
  }

  private async relationOf(em: EntityManager, actor: Actor, incidentPath: string | null) {
    const isSystem = actor.userId === null && actor.label === '系统';
    let path: string | null = null;
    if (!isSystem) {
      const [row] = actor.bureauCode
        ? await em.query(`SELECT path FROM bureaus WHERE code = $1`, [actor.bureauCode])
        : actor.userId
          ? await em.query(
              `SELECT b.path FROM users u JOIN bureaus b ON b.code = u.bureau_code WHERE u.id = $1`,
              [actor.userId],
            )
          : [];
      path = row?.path ?? null;
    }
    return actorRelation({ isSystem, bureauPath: path }, incidentPath);
  }
}
