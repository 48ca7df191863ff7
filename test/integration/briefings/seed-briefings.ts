import type { DataSource } from 'typeorm';

/**
 * Incidents around the daily briefing of Thursday 3 December 2026 (08:30 Shanghai = 00:30Z), which covers
 * [2026-12-02T00:30Z, 2026-12-03T00:30Z); the one before covers [2026-12-01T00:30Z, 2026-12-02T00:30Z).
 *
 *   A 4401 Ⅱ  12-02 03:00 heat 50   in the period, overdue first report (missed at 05:00)
 *   B 440106 Ⅲ 12-02 10:00 heat 20  in the period
 *   C 4403 Ⅳ  12-02 20:00 heat 70    in the period, the hottest
 *   G 32 Ⅳ    12-02 00:30 exactly    in the period (start inclusive)
 *   D 11 Ⅳ dismissed 12-02 05:00     counted as dismissed only
 *   E 4401 Ⅳ  12-01 05:00            the previous period
 *   F 4401 Ⅰ  12-03 00:30 exactly    the next period (end exclusive)
 * National: 4 incidents (Ⅱ 1, Ⅲ 1, Ⅳ 2), previous 1, dismissed 1, 1 overdue clock. Guangdong (44): A and B.
 */
const INCIDENTS: [string, string, string, string, number, string][] = [
  ['A', '4401', 'II', '2026-12-02T03:00:00Z', 50, 'confirmed'],
  ['B', '440106', 'III', '2026-12-02T10:00:00Z', 20, 'new'],
  ['C', '4403', 'IV', '2026-12-02T20:00:00Z', 70, 'new'],
  ['G', '32', 'IV', '2026-12-02T00:30:00Z', 1, 'new'],
  ['D', '11', 'IV', '2026-12-02T05:00:00Z', 90, 'dismissed'],
  ['E', '4401', 'IV', '2026-12-01T05:00:00Z', 5, 'new'],
  ['F', '4401', 'I', '2026-12-03T00:30:00Z', 99, 'new'],
];

export const TITLES: Record<string, string> = {
  A: '广州某办税服务厅排长队引发群众不满',
  B: '天河区税务分局被指多收滞纳金',
  C: '深圳电子税务局登录缓慢',
  G: '南京个税汇算咨询电话难打通',
  D: '北京误报事件',
  E: '广州上期事件',
  F: '广州下期事件',
};

export async function seedBriefings(ds: DataSource): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const [key, bureau, grade, detected, heat, status] of INCIDENTS) {
    const [row] = await ds.query(
      `INSERT INTO incidents (bureau_code, category, grade, status, title, summary, first_seen_at, last_seen_at, detected_at,
                              heat, item_count, dismissed_at, dismiss_reason, confirmed_at, created_at, updated_at)
       VALUES ($1, '服务态度与效率', $2, $3, $4, $5, $6, $6, $6, $7, 3,
               CASE WHEN $3 = 'dismissed' THEN $6::timestamptz END, CASE WHEN $3 = 'dismissed' THEN '误报' END,
               CASE WHEN $3 = 'confirmed' THEN $6::timestamptz END, $6, $6)
       RETURNING id::text`,
      [bureau, grade, status, TITLES[key], `${TITLES[key]}，网民转发较多。`, detected, heat],
    );
    ids.set(key, row.id);
  }
  const clock = (incident: string, kind: string, status: string, due: string, met: string | null = null) =>
    ds.query(
      `INSERT INTO escalation_clocks (subject_kind, subject_id, bureau_code, notify_bureau_code, kind, grade, started_at,
                                      due_at, met_at, status, policy_key, policy_snapshot, created_at, updated_at)
       VALUES ('incident', $1, '4401', '4401', $2, 'II', '2026-12-02T03:00:00Z', $3, $4, $5, 'II', '{}',
               '2026-12-02T03:00:00Z', '2026-12-02T03:00:00Z')`,
      [ids.get(incident), kind, due, met, status],
    );
  await clock('A', 'first_report', 'missed', '2026-12-02T05:00:00Z');
  await clock('A', 'response', 'running', '2026-12-03T08:00:00Z'); // not yet due at 08:30 Shanghai
  await clock('A', 'acknowledge', 'met', '2026-12-02T03:15:00Z', '2026-12-02T03:10:00Z');
  return ids;
}

/** HQ's office and one address get HQ's daily; Guangdong and Guangzhou (a city, so a scope of its own) one each. */
export async function seedSubscribers(ds: DataSource): Promise<void> {
  await ds.query(
    `INSERT INTO bureau_contacts (bureau_code, role, name, email) VALUES ('00', 'office', '总局办公厅', 'office@hq.example.cn')`,
  );
  await ds.query(
    `INSERT INTO briefing_subscriptions (scope_code, kind, role, email, created_at) VALUES
       ('00', 'daily', 'office', NULL, now()), ('00', 'daily', NULL, 'leader@hq.example.cn', now()),
       ('44', 'daily', NULL, 'duty@gd.example.cn', now()), ('4401', 'daily', NULL, 'gz@gz.example.cn', now()),
       ('00', 'weekly', NULL, 'leader@hq.example.cn', now())`,
  );
}
