import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ParsedMail, simpleParser } from 'mailparser';
import type { DataSource } from 'typeorm';
import { AppModule } from '../../../src/app.module';
import { configureApp } from '../../../src/app.setup';
import { EscalationEngine } from '../../../src/escalation/engine/escalation.engine';
import { IncidentsService } from '../../../src/incidents/incidents.service';
import type { Grade } from '../../../src/incidents/incident.types';
import { Clock, FakeClock } from '../../../src/infrastructure/clock/clock';
import { AppConfig } from '../../../src/infrastructure/config/app.config';
import { MailTransport, SmtpMailTransport } from '../../../src/infrastructure/mail/mail-transport';
import { MailSender } from '../../../src/notifications/mail-sender.service';
import { createTestApp, TestApp } from '../../support/app';
import { seedItems, seedSources } from '../incidents/incident-fixtures';
import { SmtpTestServer } from '../notifications/smtp-test-server';

export const FROM = '舆情哨 <sentinel@yq.example.cn>';
export const COUNTY = '440106'; // 广州市天河区 → 广州市 4401 → 广东省 44 → 总局 00
export const CHAIN = ['440106', '4401', '44', '00'];
export const ROLES = ['head', 'deputy', 'liaison', 'office'] as const;

export const addr = (role: string, bureau: string) => `${role}.${bureau}@tax.example.cn`;

/** Head, deputy, liaison and office for each bureau (plain SQL, as the directory import would leave them). */
export async function seedContacts(
  ds: DataSource,
  bureaus: string[] = CHAIN,
  roles: readonly string[] = ROLES,
): Promise<void> {
  const rows = bureaus.flatMap((b) => roles.map((r) => ({ b, r, name: `${r}-${b}`, email: addr(r, b) })));
  await ds.query(
    `INSERT INTO bureau_contacts (bureau_code, role, name, email, updated_at)
     SELECT x.b, x.r, x.name, x.email, now() FROM jsonb_to_recordset($1::jsonb) AS x(b text, r text, name text, email text)`,
    [JSON.stringify(rows)],
  );
}

/**
 * An incident as the grouper leaves it (SQL insert with two articles), then confirmed through IncidentsService so the
 * listeners fire exactly as in production.
 */
export async function confirmedIncident(
  ds: DataSource,
  incidents: IncidentsService,
  clock: Clock,
  opts: {
    bureau?: string | null;
    grade?: Grade;
    title?: string;
    category?: string;
    region?: string | null;
    confirm?: boolean;
  } = {},
): Promise<string> {
  const now = clock.now();
  const [{ id }] = await ds.query(
    `INSERT INTO incidents (bureau_code, region_code, category, grade, status, title, summary, first_seen_at, last_seen_at,
                            detected_at, item_count, source_count, heat, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'new', $5, '网友反映办税服务厅排队三小时', $6, $6, $6, 2, 2, 12.5, $6, $6) RETURNING id::text`,
    [
      opts.bureau === undefined ? COUNTY : opts.bureau,
      opts.region ?? '440106',
      opts.category ?? '服务态度与效率',
      opts.grade ?? 'II',
      opts.title ?? '天河区办税服务厅排队三小时无人管',
      now,
    ],
  );
  const sources = await seedSources(ds, 1);
  const items = await seedItems(ds, [
    {
      sourceId: sources[0],
      ingestedAt: now,
      title: '办税大厅排队三小时',
      text: '网友爆料排队三小时',
      url: 'https://bbs.example.cn/t/1',
      bureauCode: opts.bureau ?? COUNTY,
    },
    {
      sourceId: sources[0],
      ingestedAt: new Date(now.getTime() + 1000),
      title: '转发：办税大厅排队',
      text: '转发',
      url: 'https://weibo.example.cn/p/2',
      bureauCode: opts.bureau ?? COUNTY,
    },
  ]);
  await ds.query(`UPDATE items SET incident_id = $1 WHERE id = ANY($2::bigint[])`, [id, items]);
  if (opts.confirm !== false) await incidents.transition(id, 'confirm', { userId: null, label: '系统' });
  return id;
}

export interface Arrival {
  minute: number;
  to: string;
  subject: string;
  parsed: ParsedMail;
}

/** Ticks the engine and the sender once per minute of the fake clock, and records what the SMTP server got when. */
export class MinuteDriver {
  readonly arrivals: Arrival[] = [];
  private seen = 0;

  constructor(
    private readonly clock: FakeClock,
    private readonly t0: Date,
    private readonly smtp: SmtpTestServer,
  ) {}

  at(minute: number): Date {
    return new Date(this.t0.getTime() + minute * 60_000);
  }

  async run(
    from: number,
    to: number,
    parts: { engine: EscalationEngine; sender: MailSender }[],
  ): Promise<void> {
    for (let m = from; m <= to; m++) {
      this.clock.set(this.at(m));
      for (const p of parts) await p.engine.drain();
      for (const p of parts) await p.sender.drain();
      await this.collect(m);
    }
  }

  async collect(minute: number): Promise<void> {
    const fresh = this.smtp.received.slice(this.seen);
    this.seen = this.smtp.received.length;
    for (const r of fresh) {
      const parsed = await simpleParser(r.raw);
      for (const to of r.envelopeTo)
        this.arrivals.push({ minute, to, subject: parsed.subject ?? '', parsed });
    }
  }

  /** 'minute to kind' lines, sorted, for exact comparison. */
  table(from = 0): string[] {
    return this.arrivals
      .filter((a) => a.minute >= from)
      .map((a) => `${String(a.minute).padStart(3, '0')} ${a.to} ${classify(a.subject)}`)
      .sort();
  }
}

/** A short name for a mail by its subject, e.g. 'start', 'overdue:签收', 'supervise:首报（向上级报告）', 'digest:2'. */
export function classify(subject: string): string {
  let m = /(\d+) 条通知汇总/.exec(subject);
  if (m) return `digest:${m[1]}`;
  if (subject.includes('请签收')) return 'start';
  if ((m = /【无人接收】.*?「(.+?)」/.exec(subject))) return `unreached:${m[1]}`;
  if ((m = /【督办】.*?「(.+?)」已超时/.exec(subject))) return `supervise:${m[1]}`;
  if ((m = /「(.+?)」已超时/.exec(subject)))
    return `${subject.includes('再次提醒') ? 'again' : 'overdue'}:${m[1]}`;
  if (subject.includes('已签收：')) return 'note:acknowledged';
  if (subject.includes('已上报：')) return 'note:reported';
  if (subject.includes('已办结：')) return 'note:closed';
  if (subject.includes('已重新打开：')) return 'note:reopened';
  if (subject.includes('时限收紧')) return 'regraded';
  if (subject.includes('延期申请待审批')) return 'extension:request';
  if (subject.includes('延期申请')) return 'extension:decision';
  return `other:${subject}`;
}

export interface EscalationSuite {
  t: TestApp;
  smtp: SmtpTestServer;
  engine: EscalationEngine;
  sender: MailSender;
  incidents: IncidentsService;
}

/**
 * Registers the hooks the escalation suites share: one application on a fake clock sending through a real SMTP
 * server, with contacts for the whole chain; before each test, earlier incidents' clocks are stopped and their mail
 * dropped, so each test starts alone. `freshDay` also moves the clock a day on, so recipient windows start empty.
 * `use` receives the parts once they exist (assign them to the suite's variables).
 */
export function useEscalationApp(
  use: (suite: EscalationSuite) => void,
  opts: { freshDay?: boolean; configure?: (t: TestApp) => void } = {},
): void {
  let suite: EscalationSuite;
  beforeAll(async () => {
    const smtp = await new SmtpTestServer().start();
    const t = await createTestApp({
      clock: new FakeClock('2026-11-02T01:00:00Z'),
      mail: new SmtpMailTransport(smtp.url, FROM),
      env: { MAIL_FROM: FROM },
    });
    opts.configure?.(t);
    suite = {
      t,
      smtp,
      engine: t.get(EscalationEngine),
      sender: t.get(MailSender),
      incidents: t.get(IncidentsService),
    };
    use(suite);
    await seedContacts(t.ds);
  });
  afterAll(async () => {
    await suite.t.close();
    await suite.smtp.stop();
  });
  beforeEach(async () => {
    const { t, smtp } = suite;
    await t.ds.query(
      `UPDATE escalation_clocks SET status = 'cancelled', next_step_at = NULL, finding_check_at = NULL WHERE status IN ('running','missed') OR finding_check_at IS NOT NULL`,
    );
    await t.ds.query(`UPDATE outbox_emails SET status = 'skipped' WHERE status IN ('pending','sending')`);
    smtp.received.length = 0;
    if (opts.freshDay) t.clock.advance(24 * 3600_000);
  });
}

/** The application module on the given config, clock and mail transport, not yet initialised. */
export async function createInstanceApp(
  config: AppConfig,
  clock: FakeClock,
  mail: MailTransport,
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot({ scheduler: false })] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(clock)
    .overrideProvider(MailTransport)
    .useValue(mail)
    .compile();
  return moduleRef.createNestApplication({ logger: false });
}

/** The whole application on an existing database (a restart, or a second instance), with HTTP. */
export async function startInstance(config: AppConfig, clock: FakeClock, mail: MailTransport) {
  const app = await createInstanceApp(config, clock, mail);
  configureApp(app);
  await app.init();
  return {
    app,
    engine: app.get(EscalationEngine),
    sender: app.get(MailSender),
    incidents: app.get(IncidentsService),
    close: () => app.close(),
  };
}

/** Links in a mail's HTML by their button label ('签收', '已上报', '申请复核', '申请延期'). */
export function linksIn(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<a href="([^"]+\/links\/[^"]+)"[^>]*>([^<]+)<\/a>/g)) {
    if (!m[2].trim().startsWith('http')) out[m[2].trim()] ??= m[1].replace(/&amp;/g, '&');
  }
  return out;
}

/** What a grade Ⅱ incident at a county bureau produces when nobody acts (default policy, DOMAIN.md limits). */
export const NOBODY_ACTS: string[] = [
  // minute 0: the first notice to the county's head and liaison
  `000 ${addr('head', '440106')} start`,
  `000 ${addr('liaison', '440106')} start`,
  // 15: acknowledgement overdue → county deputies and office
  `015 ${addr('deputy', '440106')} overdue:签收`,
  `015 ${addr('office', '440106')} overdue:签收`,
  // 30: → the city's head and liaison; first report overdue → county deputies and office
  `030 ${addr('head', '4401')} supervise:签收`,
  `030 ${addr('liaison', '4401')} supervise:签收`,
  `030 ${addr('deputy', '440106')} overdue:首报（向上级报告）`,
  `030 ${addr('office', '440106')} overdue:首报（向上级报告）`,
  // 45: → the province; first report → the city
  `045 ${addr('head', '44')} supervise:签收`,
  `045 ${addr('liaison', '44')} supervise:签收`,
  `045 ${addr('head', '4401')} supervise:首报（向上级报告）`,
  `045 ${addr('liaison', '4401')} supervise:首报（向上级报告）`,
  // 60: → HQ; first report → the province; written report overdue → the county's head and liaison
  `060 ${addr('head', '00')} supervise:签收`,
  `060 ${addr('liaison', '00')} supervise:签收`,
  `060 ${addr('head', '44')} supervise:首报（向上级报告）`,
  `060 ${addr('liaison', '44')} supervise:首报（向上级报告）`,
  `060 ${addr('head', '440106')} overdue:书面报告`,
  `060 ${addr('liaison', '440106')} overdue:书面报告`,
  // 75: HQ again (acknowledgement repeat + first report) — two notices in the same minute: one digest each
  `075 ${addr('head', '00')} digest:2`,
  `075 ${addr('liaison', '00')} digest:2`,
  // 90: written report → the city
  `090 ${addr('head', '4401')} supervise:书面报告`,
  `090 ${addr('liaison', '4401')} supervise:书面报告`,
].sort();

/** POSTs as a session: JSON to the API, or a form as the console's pages post it (answered as HTML). */
export function postAs(
  baseUrl: string,
  cookie: string,
  path: string,
  body: Record<string, unknown>,
  form = false,
) {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      cookie,
      'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
      accept: form ? 'text/html' : 'application/json',
    },
    body: form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
  });
}
