import type { EntityManager } from 'typeorm';
import { GRADE_LABELS, Grade, TIER_LABELS, AuthorityTier } from '../../incidents/incident.types';
import { composeBody, keyValueTable, linkList } from '../../notifications/email-blocks';
import { emailHtml } from '../../notifications/email-html';
import { formatShanghai } from '../../notifications/time-format';
import type { ClockSubjectHandler, SubjectDescription, SubjectEvent } from '../engine/clock-subjects';
import { escalationError } from '../escalation.errors';

export const GRADE_COLOURS: Record<Grade, string> = {
  I: '#b91c1c',
  II: '#ea580c',
  III: '#ca8a04',
  IV: '#1d4ed8',
};
const GRADE_NAMES: Record<Grade, string> = { I: '红色', II: '橙色', III: '黄色', IV: '蓝色' };

interface IncidentRow {
  id: string;
  title: string;
  grade: Grade;
  status: string;
  category: string | null;
  bureauCode: string | null;
  bureauName: string | null;
  itemCount: number;
  sourceCount: number;
  heat: number;
  maxTier: AuthorityTier | null;
  detectedAt: Date;
  mergedIntoId: string | null;
}

interface ArticleRow {
  incidentId: string;
  title: string;
  url: string | null;
  publishedAt: Date | null;
  source: string | null;
}

/** Incidents as clock subjects: what the mails say about them, their timeline, when they are over. */
export class IncidentSubject implements ClockSubjectHandler {
  readonly actions = ['acknowledge', 'report', 'review', 'extension'] as const;

  constructor(
    private readonly baseUrl: () => string,
    private readonly articles: () => number,
  ) {}

  async describe(em: EntityManager, id: string): Promise<SubjectDescription> {
    const d = (await this.describeMany(em, [id])).get(id);
    if (!d) throw escalationError('not_found', 'ESCALATION_SUBJECT_NOT_FOUND', `事件 ${id} 不存在`);
    return d;
  }

  async describeMany(em: EntityManager, ids: string[]): Promise<Map<string, SubjectDescription>> {
    if (ids.length === 0) return new Map();
    const rows: IncidentRow[] = await em.query(
      `SELECT i.id::text, i.title, i.grade, i.status, i.category, i.bureau_code AS "bureauCode", b.name AS "bureauName",
              i.item_count AS "itemCount", i.source_count AS "sourceCount", i.heat, i.max_authority_tier AS "maxTier",
              i.detected_at AS "detectedAt", i.merged_into_id::text AS "mergedIntoId"
         FROM incidents i LEFT JOIN bureaus b ON b.code = i.bureau_code WHERE i.id = ANY($1::bigint[])`,
      [ids],
    );
    const articles: ArticleRow[] =
      this.articles() > 0
        ? await em.query(
            `SELECT x.incident_id::text AS "incidentId", x.title, x.url, x.published_at AS "publishedAt", s.name AS source
             FROM (SELECT it.incident_id, it.title, it.url, it.published_at, it.source_id,
                          row_number() OVER (PARTITION BY it.incident_id ORDER BY it.published_at NULLS LAST, it.id) AS rn
                     FROM items it WHERE it.incident_id = ANY($1::bigint[])) x
             LEFT JOIN sources s ON s.id = x.source_id
            WHERE x.rn <= $2 ORDER BY x.incident_id, x.rn`,
            [ids, this.articles()],
          )
        : [];
    const byIncident = new Map<string, ArticleRow[]>();
    for (const a of articles) byIncident.set(a.incidentId, [...(byIncident.get(a.incidentId) ?? []), a]);
    return new Map(rows.map((r) => [r.id, this.render(r, byIncident.get(r.id) ?? [])]));
  }

  private render(r: IncidentRow, articles: ArticleRow[]): SubjectDescription {
    const colour = GRADE_COLOURS[r.grade];
    const gradeText = `${GRADE_LABELS[r.grade]}（${GRADE_NAMES[r.grade]}）`;
    const spread = `${r.itemCount} 条信息，${r.sourceCount} 个来源${r.maxTier ? `（最高：${TIER_LABELS[r.maxTier]}）` : ''}，热度 ${Math.round(r.heat * 10) / 10}`;
    const table = keyValueTable([
      {
        label: '事件等级',
        value: gradeText,
        html: emailHtml`<span style="display:inline-block;padding:1px 8px;border-radius:3px;background-color:${colour};color:#ffffff;font-weight:bold">${gradeText}</span>`,
      },
      { label: '责任单位', value: r.bureauName ?? '未指定单位（总局研判）' },
      { label: '事件类别', value: r.category ?? '未分类' },
      { label: '事件标题', value: r.title },
      { label: '传播情况', value: spread },
      { label: '发现时间', value: formatShanghai(r.detectedAt) },
    ]);
    const list = articles.length
      ? linkList(
          articles.map((a) => ({
            title: a.title?.trim() || '（无标题）',
            url: a.url && /^https?:\/\//i.test(a.url) ? a.url : null,
            meta: [a.source, a.publishedAt ? formatShanghai(a.publishedAt) : null]
              .filter(Boolean)
              .join(' · '),
          })),
        )
      : null;
    const body = composeBody(
      list
        ? [
            table,
            {
              html: emailHtml`<p style="margin:0 0 6px 0;font-weight:bold">相关报道（最早 ${articles.length} 条）</p>`,
              text: `相关报道（最早 ${articles.length} 条）：`,
            },
            list,
          ]
        : [table],
    );
    return {
      title: r.title,
      bureauCode: r.bureauCode ?? '00',
      summaryHtml: body.bodyHtml.toString(),
      summaryText: body.bodyText,
      consoleUrl: `${this.baseUrl()}/console/escalation/incidents/${r.id}`,
      label: `${GRADE_LABELS[r.grade]}舆情`,
      tone: r.grade === 'I' || r.grade === 'II' ? 'danger' : r.grade === 'III' ? 'warning' : 'info',
    };
  }

  async isResolved(em: EntityManager, id: string): Promise<boolean> {
    const [row] = await em.query(`SELECT status, merged_into_id FROM incidents WHERE id = $1`, [id]);
    return !row || row.merged_into_id !== null || row.status === 'closed' || row.status === 'dismissed';
  }

  async resolvedMany(em: EntityManager, ids: string[]): Promise<Set<string>> {
    const rows: { id: string }[] = await em.query(
      `SELECT x.id::text FROM unnest($1::bigint[]) AS x(id) LEFT JOIN incidents i ON i.id = x.id
        WHERE i.id IS NULL OR i.merged_into_id IS NOT NULL OR i.status IN ('closed','dismissed')`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  async recordEvents(em: EntityManager, events: SubjectEvent[]): Promise<void> {
    await insertIncidentEvents(em, events, '系统');
  }

  async lockForEngine(em: EntityManager, ids: string[]): Promise<Set<string>> {
    const rows: { id: string }[] = await em.query(
      `SELECT id::text FROM incidents WHERE id = ANY($1::bigint[]) FOR KEY SHARE SKIP LOCKED`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }
}

/** Appends to incident_events (append-only, contracts.md) in the caller's transaction. */
export async function insertIncidentEvents(
  em: EntityManager,
  events: SubjectEvent[],
  actorLabel: string,
): Promise<void> {
  if (events.length === 0) return;
  await em.query(
    `INSERT INTO incident_events (incident_id, at, actor_user_id, actor_label, action, after, comment)
     SELECT e.incident_id, e.at, NULL, COALESCE(e.actor_label, $2), e.action, e.after, e.comment
       FROM jsonb_to_recordset($1::jsonb)
         AS e(incident_id bigint, at timestamptz, action text, after jsonb, comment text, actor_label text)`,
    [
      JSON.stringify(
        events.map((e) => ({
          incident_id: e.subjectId,
          at: e.at.toISOString(),
          action: e.action,
          after: e.after ?? null,
          comment: e.comment ?? null,
          actor_label: e.actorLabel?.slice(0, 300) ?? null,
        })),
      ),
      actorLabel.slice(0, 300),
    ],
  );
}
