import type { EntityManager } from 'typeorm';
import {
  subjectEventsJson,
  type ClockSubjectHandler,
  type SubjectDescription,
  type SubjectEvent,
} from '../../escalation/engine/clock-subjects';
import { composeBody, keyValueTable } from '../../notifications/email-blocks';
import { formatShanghai } from '../../notifications/time-format';
import { StatisticsError } from '../statistics.errors';
import { monthLabel } from '../figures/statistics-month';

interface TaskRow {
  id: string;
  month: string;
  bureauCode: string;
  bureauName: string;
  scopeName: string;
  reason: string;
  status: string;
  dueAt: Date;
}

/**
 * Explanation tasks (情况说明) as clock subjects: the escalation engine reminds and escalates them with the same
 * ladders as incidents (policy 'explanation'); this says what its mails show and when a task is over (answered).
 */
export class ExplanationSubject implements ClockSubjectHandler {
  constructor(private readonly baseUrl: () => string) {}

  async describe(em: EntityManager, id: string): Promise<SubjectDescription> {
    const d = (await this.describeMany(em, [id])).get(id);
    if (!d) throw new StatisticsError('not_found', 'STATISTICS_TASK_NOT_FOUND', `情况说明任务 ${id} 不存在`);
    return d;
  }

  async describeMany(em: EntityManager, ids: string[]): Promise<Map<string, SubjectDescription>> {
    if (ids.length === 0) return new Map();
    const rows: TaskRow[] = await em.query(
      `SELECT t.id::text, t.month, t.bureau_code AS "bureauCode", b.name AS "bureauName", s.name AS "scopeName",
              t.reason, t.status, t.due_at AS "dueAt"
         FROM explanation_tasks t JOIN bureaus b ON b.code = t.bureau_code JOIN bureaus s ON s.code = t.scope_code
        WHERE t.id = ANY($1::bigint[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, this.render(r)]));
  }

  async isResolved(em: EntityManager, id: string): Promise<boolean> {
    const [row] = await em.query(`SELECT status FROM explanation_tasks WHERE id = $1`, [id]);
    return !row || row.status !== 'open';
  }

  /** The engine's steps (reminders, escalation, deadline met or missed) join the bulletin's history. */
  async recordEvents(em: EntityManager, events: SubjectEvent[]): Promise<void> {
    if (events.length === 0) return;
    await em.query(
      `INSERT INTO statistics_events (at, month, scope_code, bulletin_id, task_id, action, actor_label, detail)
       SELECT e.at, t.month, t.scope_code, t.bulletin_id, t.id, left(regexp_replace(lower(e.action), '[^a-z_]', '_', 'g'), 40),
              '系统', jsonb_strip_nulls(jsonb_build_object('after', e.after, 'comment', e.comment))
         FROM jsonb_to_recordset($1::jsonb) AS e(subject_id bigint, at timestamptz, action text, after jsonb, comment text)
         JOIN explanation_tasks t ON t.id = e.subject_id`,
      [subjectEventsJson(events)],
    );
  }

  private render(r: TaskRow): SubjectDescription {
    const body = composeBody([
      keyValueTable([
        { label: '通报', value: `${monthLabel(r.month)}${r.scopeName}负面舆情统计通报` },
        { label: '单位', value: r.bureauName },
        { label: '原因', value: r.reason },
        { label: '截止时间', value: formatShanghai(r.dueAt) },
      ]),
    ]);
    return {
      title: `${monthLabel(r.month)}统计通报情况说明（${r.bureauName}）`,
      label: '情况说明',
      bureauCode: r.bureauCode,
      summaryHtml: body.bodyHtml.toString(),
      summaryText: body.bodyText,
      consoleUrl: `${this.baseUrl().replace(/\/$/, '')}/console/statistics/tasks/${r.id}`,
      tone: 'warning',
    };
  }
}
