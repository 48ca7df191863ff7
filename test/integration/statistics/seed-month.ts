import type { DataSource } from 'typeorm';

/**
 * A hand-made month (2026-10) of incidents, escalation clocks and reporting findings, inserted with SQL, whose every
 * figure is worked out by hand in the tests. Times are UTC; Shanghai is UTC+8, so October is
 * [2026-09-30T16:00Z, 2026-10-31T16:00Z).
 *
 *   Guangdong (44)           Guangzhou 4401 (11 counties): G1 G2@440106 G3@440104 G6 (+ G4 误报, G5 重复, G9 merged)
 *                            Shaoguan 4402 (10 counties): S1 S2 S3 · Foshan 4406 (5): F1 · Maoming 4409 (5): M1
 *                            the provincial bureau itself (本级): P1
 *   Shenzhen (4403, 计划单列市, 9 counties): Z1 · Beijing (11): only September · unassigned: U1
 *   Boundaries: G6 detected 2026-10-31T15:59Z (October), G7 2026-10-31T16:30Z (November), G8 2026-09-30T15:59:59Z
 *   (September, with an acknowledgement clock due exactly 2026-09-30T16:00Z, i.e. in October).
 */
export interface SeedIncident {
  key: string;
  bureau: string | null;
  detected: string;
  grade?: 'I' | 'II' | 'III' | 'IV';
  status?: string;
  category?: string | null;
  ack?: number; // minutes after detection
  report?: number;
  close?: number;
  heat?: number;
  dismiss?: string;
  mergedInto?: string;
}

const M = 60_000;
const at = (iso: string, minutes = 0) => new Date(new Date(iso).getTime() + minutes * M).toISOString();

export const INCIDENTS: SeedIncident[] = [
  {
    key: 'G1',
    bureau: '4401',
    detected: '2026-10-05T02:00:00Z',
    grade: 'III',
    status: 'closed',
    category: '执法争议',
    ack: 30,
    report: 90,
    close: 2880,
    heat: 10,
  },
  {
    key: 'G2',
    bureau: '440106',
    detected: '2026-10-10T01:00:00Z',
    grade: 'IV',
    status: 'acknowledged',
    category: '服务态度与效率',
    ack: 60,
    heat: 5,
  },
  // closed after 600 min, then reopened (回头看): one incident, not in the time-to-close cohort
  {
    key: 'G3',
    bureau: '440104',
    detected: '2026-10-12T00:00:00Z',
    grade: 'II',
    status: 'reopened',
    category: '系统故障',
    ack: 10,
    report: 20,
    close: 600,
    heat: 30,
  },
  {
    key: 'G4',
    bureau: '4401',
    detected: '2026-10-15T00:00:00Z',
    grade: 'IV',
    status: 'dismissed',
    category: '其他',
    dismiss: '误报',
    heat: 1,
  },
  {
    key: 'G5',
    bureau: '4401',
    detected: '2026-10-16T00:00:00Z',
    grade: 'IV',
    status: 'dismissed',
    category: '其他',
    dismiss: '重复',
    heat: 1,
  },
  // 23:59 on 31 October in Shanghai: October; acknowledged and closed in November (spans two months)
  {
    key: 'G6',
    bureau: '4401',
    detected: '2026-10-31T15:59:00Z',
    grade: 'IV',
    status: 'closed',
    category: null,
    ack: 541,
    close: 3241,
    heat: 2,
  },
  {
    key: 'G7',
    bureau: '4401',
    detected: '2026-10-31T16:30:00Z',
    grade: 'IV',
    status: 'new',
    category: '其他',
    heat: 3,
  },
  {
    key: 'G8',
    bureau: '4401',
    detected: '2026-09-30T15:59:59Z',
    grade: 'IV',
    status: 'acknowledged',
    category: '其他',
    ack: 5,
    heat: 1,
  },
  {
    key: 'G9',
    bureau: '4401',
    detected: '2026-10-06T00:00:00Z',
    grade: 'III',
    status: 'confirmed',
    category: '执法争议',
    mergedInto: 'G1',
    heat: 50,
  },
  {
    key: 'G10',
    bureau: '4401',
    detected: '2026-09-10T00:00:00Z',
    grade: 'IV',
    status: 'closed',
    category: '其他',
    ack: 20,
    close: 100,
    heat: 1,
  },
  {
    key: 'S1',
    bureau: '4402',
    detected: '2026-10-20T00:00:00Z',
    grade: 'IV',
    status: 'confirmed',
    category: '政策争议',
    heat: 1,
  },
  {
    key: 'S2',
    bureau: '4402',
    detected: '2026-10-21T00:00:00Z',
    grade: 'IV',
    status: 'new',
    category: '政策争议',
    heat: 1,
  },
  {
    key: 'S3',
    bureau: '440203',
    detected: '2026-10-22T00:00:00Z',
    grade: 'IV',
    status: 'new',
    category: '收费与负担',
    heat: 1,
  },
  {
    key: 'F1',
    bureau: '4406',
    detected: '2026-10-08T00:00:00Z',
    grade: 'IV',
    status: 'new',
    category: '涉税诈骗',
    heat: 4,
  },
  {
    key: 'M1',
    bureau: '4409',
    detected: '2026-10-09T00:00:00Z',
    grade: 'IV',
    status: 'new',
    category: '其他',
    heat: 4,
  },
  {
    key: 'P1',
    bureau: '44',
    detected: '2026-10-18T00:00:00Z',
    grade: 'III',
    status: 'reported',
    category: '廉政问题',
    ack: 45,
    report: 100,
    heat: 20,
  },
  {
    key: 'Z1',
    bureau: '4403',
    detected: '2026-10-03T00:00:00Z',
    grade: 'I',
    status: 'responded',
    category: '执法争议',
    ack: 10,
    report: 40,
    heat: 100,
  },
  {
    key: 'U1',
    bureau: null,
    detected: '2026-10-25T00:00:00Z',
    grade: 'IV',
    status: 'new',
    category: '系统故障',
    heat: 6,
  },
  {
    key: 'B1',
    bureau: '11',
    detected: '2026-09-05T00:00:00Z',
    grade: 'IV',
    status: 'new',
    category: '其他',
    heat: 1,
  },
  {
    key: 'B2',
    bureau: '110101',
    detected: '2026-09-06T00:00:00Z',
    grade: 'IV',
    status: 'new',
    category: '其他',
    heat: 1,
  },
  {
    key: 'B3',
    bureau: '110105',
    detected: '2026-09-07T00:00:00Z',
    grade: 'IV',
    status: 'new',
    category: '其他',
    heat: 1,
  },
  // a year earlier (同比)
  {
    key: 'L1',
    bureau: '4401',
    detected: '2025-10-15T00:00:00Z',
    grade: 'IV',
    status: 'closed',
    category: '其他',
    close: 60,
  },
  {
    key: 'L2',
    bureau: '440103',
    detected: '2025-10-16T00:00:00Z',
    grade: 'IV',
    status: 'closed',
    category: '其他',
    close: 60,
  },
  {
    key: 'L3',
    bureau: '4402',
    detected: '2025-10-17T00:00:00Z',
    grade: 'IV',
    status: 'closed',
    category: '其他',
    close: 60,
  },
  {
    key: 'L4',
    bureau: '4406',
    detected: '2025-10-18T00:00:00Z',
    grade: 'IV',
    status: 'closed',
    category: '其他',
    close: 60,
  },
  {
    key: 'L5',
    bureau: '44',
    detected: '2025-10-19T00:00:00Z',
    grade: 'IV',
    status: 'closed',
    category: '其他',
    close: 60,
  },
];

export interface SeedClock {
  incident: string;
  bureau: string;
  kind: 'acknowledge' | 'first_report' | 'response';
  due: string;
  met?: string;
  status: 'running' | 'met' | 'missed' | 'cancelled';
  subjectKind?: 'incident' | 'explanation';
}

export const CLOCKS: SeedClock[] = [
  {
    incident: 'G1',
    bureau: '4401',
    kind: 'acknowledge',
    due: '2026-10-05T03:00:00Z',
    met: '2026-10-05T02:30:00Z',
    status: 'met',
  },
  {
    incident: 'G1',
    bureau: '4401',
    kind: 'first_report',
    due: '2026-10-05T04:00:00Z',
    met: '2026-10-05T03:30:00Z',
    status: 'met',
  },
  {
    incident: 'G1',
    bureau: '4401',
    kind: 'response',
    due: '2026-10-07T02:00:00Z',
    met: '2026-10-08T02:00:00Z',
    status: 'met',
  },
  {
    incident: 'G2',
    bureau: '440106',
    kind: 'acknowledge',
    due: '2026-10-10T01:30:00Z',
    met: '2026-10-10T02:00:00Z',
    status: 'met',
  },
  {
    incident: 'G3',
    bureau: '440104',
    kind: 'acknowledge',
    due: '2026-10-12T00:15:00Z',
    met: '2026-10-12T00:10:00Z',
    status: 'met',
  },
  {
    incident: 'G3',
    bureau: '440104',
    kind: 'first_report',
    due: '2026-10-12T00:30:00Z',
    met: '2026-10-12T00:20:00Z',
    status: 'met',
  },
  { incident: 'G3', bureau: '440104', kind: 'response', due: '2026-10-12T05:00:00Z', status: 'missed' },
  { incident: 'G4', bureau: '4401', kind: 'acknowledge', due: '2026-10-16T09:30:00Z', status: 'cancelled' },
  // next working day after 31 October: due in November (and not yet due at the bulletin's computation time)
  { incident: 'G6', bureau: '4401', kind: 'acknowledge', due: '2026-11-02T09:30:00Z', status: 'running' },
  // due at the first instant of October in Shanghai: an October clock, met on time
  {
    incident: 'G8',
    bureau: '4401',
    kind: 'acknowledge',
    due: '2026-09-30T16:00:00Z',
    met: '2026-09-30T16:00:00Z',
    status: 'met',
  },
  // past due and still running when the figures are computed: late
  { incident: 'S1', bureau: '4402', kind: 'acknowledge', due: '2026-10-21T09:30:00Z', status: 'running' },
  {
    incident: 'P1',
    bureau: '44',
    kind: 'acknowledge',
    due: '2026-10-18T01:00:00Z',
    met: '2026-10-18T00:45:00Z',
    status: 'met',
  },
  {
    incident: 'Z1',
    bureau: '4403',
    kind: 'acknowledge',
    due: '2026-10-03T00:15:00Z',
    met: '2026-10-03T00:10:00Z',
    status: 'met',
  },
  {
    incident: 'Z1',
    bureau: '4403',
    kind: 'first_report',
    due: '2026-10-03T00:30:00Z',
    met: '2026-10-03T00:40:00Z',
    status: 'met',
  },
  {
    incident: 'Z1',
    bureau: '4403',
    kind: 'response',
    due: '2026-10-03T05:00:00Z',
    met: '2026-10-03T03:20:00Z',
    status: 'met',
  },
  // not an incident's clock: never in the incident figures
  {
    incident: 'G1',
    bureau: '4401',
    kind: 'acknowledge',
    due: '2026-10-20T09:00:00Z',
    status: 'missed',
    subjectKind: 'explanation',
  },
];

export const FINDINGS: {
  incident: string;
  bureau: string;
  kind: 'late' | 'missed' | 'concealed';
  found: string;
}[] = [
  { incident: 'G1', bureau: '4401', kind: 'late', found: '2026-10-08T02:00:00Z' },
  { incident: 'G2', bureau: '440106', kind: 'missed', found: '2026-10-12T00:00:00Z' },
  { incident: 'S2', bureau: '4402', kind: 'concealed', found: '2026-10-31T15:00:00Z' },
  // 00:00 on 1 November in Shanghai: November
  { incident: 'S1', bureau: '4402', kind: 'concealed', found: '2026-10-31T16:00:00Z' },
  { incident: 'G10', bureau: '4401', kind: 'late', found: '2026-09-15T00:00:00Z' },
  { incident: 'Z1', bureau: '4403', kind: 'late', found: '2026-10-03T00:40:00Z' },
];

/** Inserts everything; returns incident ids by key. */
export async function seedMonth(ds: DataSource): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const i of INCIDENTS) {
    const d = i.detected;
    const [row] = await ds.query(
      `INSERT INTO incidents (bureau_code, category, grade, status, title, first_seen_at, last_seen_at, detected_at,
                              heat, acknowledged_at, reported_at, closed_at, dismissed_at, dismiss_reason,
                              merged_into_id, confirmed_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6, $6, $7, $8, $9, $10, $11, $12, $13, $14, $6, $6) RETURNING id::text`,
      [
        i.bureau,
        i.category ?? null,
        i.grade ?? 'IV',
        i.status ?? 'new',
        `测试事件 ${i.key}`,
        d,
        i.heat ?? 0,
        i.ack !== undefined ? at(d, i.ack) : null,
        i.report !== undefined ? at(d, i.report) : null,
        i.close !== undefined ? at(d, i.close) : null,
        i.dismiss ? at(d, 60) : null,
        i.dismiss ?? null,
        i.mergedInto ? ids.get(i.mergedInto) : null,
        ['new', 'dismissed'].includes(i.status ?? 'new') ? null : d,
      ],
    );
    ids.set(i.key, row.id);
  }
  for (const c of CLOCKS) {
    // a snapshot the escalation engine can read: no steps, so a passed deadline only marks the clock missed
    const snapshot = {
      policyKey: 'IV',
      version: 1,
      calendar: '24x7',
      clock: { kind: c.kind, minutes: 60, anchor: 'detected', steps: [], repeat: 0 },
      workingHours: '09:00-12:00,13:30-17:30',
    };
    await ds.query(
      `INSERT INTO escalation_clocks (subject_kind, subject_id, bureau_code, notify_bureau_code, kind, started_at, due_at,
                                      met_at, status, policy_key, policy_snapshot, created_at, updated_at)
       VALUES ($1, $2, $3, $3, $4, $5, $5, $6, $7, 'IV', $8, $5, $5)`,
      [
        c.subjectKind ?? 'incident',
        ids.get(c.incident),
        c.bureau,
        c.kind,
        c.due,
        c.met ?? null,
        c.status,
        JSON.stringify(snapshot),
      ],
    );
  }
  for (const f of FINDINGS) {
    await ds.query(
      `INSERT INTO reporting_findings (incident_id, bureau_code, kind, found_at) VALUES ($1, $2, $3, $4)`,
      [ids.get(f.incident), f.bureau, f.kind, f.found],
    );
  }
  return ids;
}

/** Heads and office contacts of the units the bulletin mails and the explanation tasks reach. */
export async function seedContacts(ds: DataSource): Promise<void> {
  await ds.query(
    `INSERT INTO bureau_contacts (bureau_code, role, name, email) VALUES
       ('00', 'office', '总局办公厅', 'office@hq.example.cn'),
       ('44', 'head', '广东局长', 'head@gd.example.cn'),
       ('44', 'office', '广东办公室', 'office@gd.example.cn'),
       ('4403', 'head', '深圳局长', 'head@sz.example.cn'),
       ('4401', 'head', '广州局长', 'head@gz.example.cn'),
       ('4402', 'head', '韶关局长', 'head@sg.example.cn')`,
  );
}
