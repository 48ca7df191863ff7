import type { EntityManager } from 'typeorm';
import {
  subjectEventsJson,
  type ClockSubjectHandler,
  type SubjectDescription,
  type SubjectEvent,
} from '../../escalation/engine/clock-subjects';
import { composeBody, keyValueTable } from '../../notifications/email-blocks';
import { formatShanghai } from '../../notifications/time-format';
import { BriefingError } from '../briefings.errors';

interface Row {
  id: string;
  title: string;
  instruction: string;
  requiredReport: string;
  issuerName: string;
  bureauCode: string;
  bureauName: string;
  dueAt: Date;
}

/**
 * 督办事项 as clock subjects: the escalation engine reminds the responsible unit and escalates up the tree with the
 * 'supervision' policy; a matter is over once answered. The engine's steps join the matter's own event log.
 */
export class SupervisionSubject implements ClockSubjectHandler {
  /** The responsible unit may ask its superior for more time from the reminder mail (申请延期). */
  readonly actions = ['extension'] as const;

  constructor(private readonly baseUrl: () => string) {}

  async describe(em: EntityManager, id: string): Promise<SubjectDescription> {
    const d = (await this.describeMany(em, [id])).get(id);
    if (!d) throw new BriefingError('not_found', 'SUPERVISION_NOT_FOUND', `督办事项 ${id} 不存在`);
    return d;
  }

  async describeMany(em: EntityManager, ids: string[]): Promise<Map<string, SubjectDescription>> {
    if (ids.length === 0) return new Map();
    const rows: Row[] = await em.query(
      `SELECT m.id::text, m.title, m.instruction, m.required_report AS "requiredReport", ib.name AS "issuerName",
              m.bureau_code AS "bureauCode", b.name AS "bureauName", m.due_at AS "dueAt"
         FROM supervision_matters m JOIN bureaus b ON b.code = m.bureau_code
         JOIN bureaus ib ON ib.code = m.issuer_bureau_code WHERE m.id = ANY($1::bigint[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, this.render(r)]));
  }

  async isResolved(em: EntityManager, id: string): Promise<boolean> {
    const [row] = await em.query(`SELECT status FROM supervision_matters WHERE id = $1`, [id]);
    return !row || row.status !== 'open';
  }

  async recordEvents(em: EntityManager, events: SubjectEvent[]): Promise<void> {
    if (events.length === 0) return;
    await em.query(
      `INSERT INTO supervision_events (matter_id, at, action, actor_label, detail)
       SELECT e.subject_id, e.at, left(regexp_replace(lower(e.action), '[^a-z_]', '_', 'g'), 40), '系统',
              jsonb_strip_nulls(jsonb_build_object('after', e.after, 'comment', e.comment))
         FROM jsonb_to_recordset($1::jsonb) AS e(subject_id bigint, at timestamptz, action text, after jsonb, comment text)`,
      [subjectEventsJson(events)],
    );
  }

  private render(r: Row): SubjectDescription {
    const body = composeBody([
      keyValueTable([
        { label: '督办单位', value: r.issuerName },
        { label: '责任单位', value: r.bureauName },
        { label: '督办要求', value: r.instruction },
        ...(r.requiredReport ? [{ label: '报送要求', value: r.requiredReport }] : []),
        { label: '办理时限', value: formatShanghai(r.dueAt) },
      ]),
    ]);
    return {
      title: r.title,
      label: '督办事项',
      bureauCode: r.bureauCode,
      summaryHtml: body.bodyHtml.toString(),
      summaryText: body.bodyText,
      consoleUrl: `${this.baseUrl().replace(/\/$/, '')}/console/supervision/${r.id}`,
      tone: 'warning',
    };
  }
}
