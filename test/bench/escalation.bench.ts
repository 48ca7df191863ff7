/**
 * `npm run bench -- escalation`: 100,000 open incidents with running acknowledgement clocks, 10,000 of them due at
 * once.
 *  - applySeconds: the engine (EscalationEngine.runOnce, default batch) applies all 10,000 steps — claim, render the
 *    mails with signed links, outbox rows, notification log, timeline events, clock updates — until nothing is due;
 *  - mailsPerSec: the resulting mails (deputy + office of each county: 20,000) through MailSender to a local
 *    smtp-server (pooled SMTP; recipient window off, as in the mail benchmark's throughput figure).
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { clockPolicy, defaultPolicy, snapshotOf } from '../../src/escalation/policy/escalation-policy';
import { EscalationEngine } from '../../src/escalation/engine/escalation.engine';
import { DEFAULT_WORKING_HOURS } from '../../src/escalation/engine/working-time';
import { FakeClock } from '../../src/infrastructure/clock/clock';
import { AppConfig } from '../../src/infrastructure/config/app.config';
import { validateEnv } from '../../src/infrastructure/config/validate-env';
import { SmtpMailTransport } from '../../src/infrastructure/mail/mail-transport';
import { MailSender } from '../../src/notifications/mail-sender.service';
import { createInstanceApp } from '../integration/escalation/escalation-harness';
import { SmtpTestServer } from '../integration/notifications/smtp-test-server';
import { benchDatabase } from './bench-support';
import { drainOutbox } from './mail.bench';

const OPEN = 100_000;
const DUE = 10_000;
const COUNTIES = 1_000;
const FROM = '舆情哨 <sentinel@bench.example.cn>';

export default async function run(): Promise<void> {
  // The sender's throughput figure, as in the mail benchmark: every row its own mail, 20 at a time, pooled SMTP.
  Object.assign(process.env, {
    MAIL_RECIPIENT_WINDOW_SECONDS: '0',
    MAIL_BATCH_SIZE: '500',
    MAIL_SEND_CONCURRENCY: '20',
  });
  const db = await benchDatabase('escalation');
  const smtp = await new SmtpTestServer({ keepRaw: false }).start();
  const transport = new SmtpMailTransport(`${smtp.url}/?pool=true&maxConnections=10`, FROM);
  const now = new Date();
  const clock = new FakeClock(now);
  const config = validateEnv(AppConfig, {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    LOG_LEVEL: 'silent',
    SECRET_KEY: 'bench-secret-key-bench-secret-key-0123456789',
    MAIL_FROM: FROM,
    PUBLIC_BASE_URL: 'https://yq.example.cn',
  });
  const app = await createInstanceApp(config, clock, transport);
  await app.init();
  try {
    const seedStarted = performance.now();
    const counties: string[] = (
      await db.ds.query(`SELECT code FROM bureaus WHERE level = 'county' ORDER BY code LIMIT $1`, [COUNTIES])
    ).map((r: { code: string }) => r.code);
    await db.ds.query(
      `INSERT INTO bureau_contacts (bureau_code, role, name, email, updated_at)
       SELECT b.code, r, r || '-' || b.code, r || '.' || b.code || '@bench.example.cn', now()
         FROM bureaus b CROSS JOIN unnest(ARRAY['head','deputy','liaison','office']) AS r
        WHERE b.code = ANY($1) OR EXISTS (SELECT 1 FROM bureaus c WHERE c.code = ANY($1) AND c.path LIKE b.path || '%')`,
      [counties],
    );
    await db.ds.query(
      `INSERT INTO incidents (bureau_code, category, grade, status, title, summary, first_seen_at, last_seen_at, detected_at,
                              item_count, source_count, heat, auto_confirmed, confirmed_at, created_at, updated_at)
       SELECT ($1::text[])[1 + (g % array_length($1::text[], 1))], '服务态度与效率', 'II', 'confirmed',
              '基准事件 ' || g || '：办税服务厅排队三小时无人管', '网友反映排队', $2, $2, $2, 3, 2, 8.5, true, $2, $2, $2
         FROM generate_series(1, $3::int) AS g`,
      [counties, new Date(now.getTime() - 20 * 60_000), OPEN],
    );
    const ii = defaultPolicy('II');
    const snapshot = snapshotOf('II', 0, ii, clockPolicy(ii, 'acknowledge')!, DEFAULT_WORKING_HOURS);
    const due = new Date(now.getTime() - 60_000);
    const later = new Date(now.getTime() + 3600_000);
    await db.ds.query(
      `INSERT INTO escalation_clocks (subject_kind, subject_id, bureau_code, notify_bureau_code, kind, grade, started_at, due_at,
                                      next_step_at, policy_key, policy_snapshot, created_at, updated_at)
       SELECT 'incident', i.id, i.bureau_code, i.bureau_code, 'acknowledge', 'II', $1,
              CASE WHEN i.rn <= $4 THEN $2::timestamptz ELSE $3::timestamptz END,
              CASE WHEN i.rn <= $4 THEN $2::timestamptz ELSE $3::timestamptz END, 'II', $5, $1, $1
         FROM (SELECT id, bureau_code, row_number() OVER (ORDER BY id) AS rn FROM incidents) i`,
      [new Date(now.getTime() - 20 * 60_000), due, later, DUE, JSON.stringify(snapshot)],
    );
    await db.ds.query(`ANALYZE`);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const engine = app.get(EscalationEngine);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const { steps } = await engine.drain(1000);
    const applySeconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const engineCpuSeconds = (used.user + used.system) / 1e6; // this process only; PostgreSQL's share is on top
    if (steps !== DUE) throw new Error(`expected ${DUE} steps, applied ${steps}`);
    const [{ n: queued }] = await db.ds.query(
      `SELECT count(*)::int AS n FROM outbox_emails WHERE status = 'pending'`,
    );

    const sent = await drainOutbox(app.get(MailSender), db.ds);
    if (smtp.received.length !== queued)
      throw new Error(`expected ${queued} mails, SMTP got ${smtp.received.length}`);

    process.stdout.write(
      JSON.stringify({
        bench: 'escalation',
        openIncidents: OPEN,
        dueClocks: DUE,
        applySeconds: round(applySeconds),
        mailsPerSec: Math.round(sent.mails / sent.seconds),
        stepsPerSec: Math.round(steps / applySeconds),
        engineCpuSeconds: round(engineCpuSeconds),
        loadAverage: round(loadavg()[0]),
        engineWorkers: Number(process.env.ESCALATION_WORKERS ?? 2),
        mailsQueued: queued,
        sendSeconds: round(sent.seconds),
        seedSeconds: round(seedSeconds),
      }) + '\n',
    );
  } finally {
    await app.close();
    await transport.close();
    await smtp.stop();
    await db.close();
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
