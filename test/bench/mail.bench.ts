/**
 * `npm run bench -- mail`: 5,000 outbox rows to 1,000 recipients through a local SMTP server (smtp-server on
 * loopback, pooled nodemailer transport via `?pool=true` in the SMTP URL).
 *  - throughput: recipient window off, every row its own mail → mails/s end to end (claim, send, record);
 *  - digest: default 60 s window, 5 notices per recipient due at once → 1,000 digests.
 * The helpers are exported for the escalation benchmark (mails/s through the sender).
 */
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { Clock, SystemClock } from '../../src/infrastructure/clock/clock';
import { AppConfig } from '../../src/infrastructure/config/app.config';
import { validateEnv } from '../../src/infrastructure/config/validate-env';
import { MetricsService } from '../../src/infrastructure/http/metrics.service';
import { MailTransport, SmtpMailTransport } from '../../src/infrastructure/mail/mail-transport';
import { DeliveryFailureListeners } from '../../src/notifications/delivery-failure-listeners';
import { composeBody, keyValueTable, linkList, paragraph } from '../../src/notifications/email-blocks';
import { renderEmail } from '../../src/notifications/email-layout';
import { MailSender } from '../../src/notifications/mail-sender.service';
import { NotificationsConfig } from '../../src/notifications/notifications.config';
import { NotificationsMetrics } from '../../src/notifications/notifications.metrics';
import { OutboxClaimRepository } from '../../src/notifications/outbox-claim.repository';
import { OutboxResultRepository } from '../../src/notifications/outbox-result.repository';
import { OutboxService } from '../../src/notifications/outbox.service';
import { OutboxMessage } from '../../src/notifications/outbox.types';
import { SmtpTestServer } from '../integration/notifications/smtp-test-server';
import { benchDatabase } from './bench-support';

const FROM = '舆情哨 <sentinel@bench.example.cn>';

/** An OutboxService + MailSender wired by hand (no Nest), for benchmarks. */
export function standaloneNotifications(
  ds: DataSource,
  transport: MailTransport,
  env: Record<string, string> = {},
  clock: Clock = new SystemClock(),
) {
  const config = validateEnv(NotificationsConfig, env);
  const appConfig = validateEnv(AppConfig, { LOG_LEVEL: 'silent', MAIL_FROM: FROM });
  const metrics = new NotificationsMetrics(new MetricsService(), ds, clock);
  const sender = new MailSender(
    new OutboxClaimRepository(ds, config),
    new OutboxResultRepository(ds),
    transport,
    clock,
    config,
    appConfig,
    metrics,
    new DeliveryFailureListeners(),
  );
  return { outbox: new OutboxService(ds, clock), sender, config };
}

/** Runs the sender until the outbox has nothing due; returns mails handed to SMTP and seconds taken. */
export async function drainOutbox(
  sender: MailSender,
  ds: DataSource,
): Promise<{ mails: number; seconds: number }> {
  const started = performance.now();
  let mails = 0;
  for (;;) {
    const s = await sender.runOnce();
    mails += s.sent;
    if (s.claimed === 0) {
      const [{ n }] = await ds.query(
        `SELECT count(*)::int AS n FROM outbox_emails WHERE status IN ('pending','sending')`,
      );
      if (n === 0) break;
    }
  }
  return { mails, seconds: (performance.now() - started) / 1000 };
}

function benchMessage(i: number, recipient: number, prefix: string): OutboxMessage {
  const subject = `【舆情哨】Ⅲ级舆情事件：第${i}号 国家税务总局某市某区税务局 办税服务厅排队`;
  const body = composeBody([
    paragraph('以下舆情事件已确认，请在时限内签收并按规定上报。'),
    keyValueTable([
      { label: '事件等级', value: 'Ⅲ级（一般）' },
      { label: '责任单位', value: '国家税务总局某市某区税务局' },
      { label: '签收时限', value: '2026-11-02 10:00（还剩 1 小时 20 分）' },
    ]),
    linkList(
      Array.from({ length: 5 }, (_, k) => ({
        title: `网帖 ${k + 1}：排队三小时无人管`,
        url: `https://bbs.example.cn/t/${i}-${k}`,
        meta: '论坛 · 2026-11-02 08:40',
      })),
    ),
  ]);
  const { html, text } = renderEmail({
    title: subject,
    preheader: '请于 10:00 前签收',
    ...body,
    actions: [{ label: '签收', url: `https://yq.example.cn/a/ack/${i}` }],
  });
  return {
    dedupeKey: `${prefix}:${i}`,
    to: `head${recipient}@bench.example.cn`,
    subject,
    html,
    text,
    kind: 'bench',
  };
}

async function enqueueAll(
  outbox: OutboxService,
  ds: DataSource,
  rows: number,
  recipients: number,
  prefix: string,
) {
  const started = performance.now();
  for (let start = 0; start < rows; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, rows - start) }, (_, k) =>
      benchMessage(start + k, (start + k) % recipients, prefix),
    );
    await ds.transaction((em) => outbox.enqueueMany(em, batch));
  }
  return (performance.now() - started) / 1000;
}

export default async function run(): Promise<void> {
  const rows = 5000;
  const recipients = 1000;
  const db = await benchDatabase('mail');
  const smtp = await new SmtpTestServer({ keepRaw: false }).start();
  // BENCH_MAIL_POOL=0 measures the transport as SMTP_URL gives it without ?pool=true (a connection per mail).
  const pooled = process.env.BENCH_MAIL_POOL !== '0';
  const transport = new SmtpMailTransport(
    pooled ? `${smtp.url}/?pool=true&maxConnections=10` : smtp.url,
    FROM,
  );
  try {
    const fast = standaloneNotifications(db.ds, transport, {
      MAIL_RECIPIENT_WINDOW_SECONDS: '0',
      MAIL_BATCH_SIZE: '500',
      MAIL_SEND_CONCURRENCY: '20',
    });
    const enqueueSeconds = await enqueueAll(fast.outbox, db.ds, rows, recipients, 'plain');
    const plain = await drainOutbox(fast.sender, db.ds);
    if (smtp.received.length !== rows)
      throw new Error(`expected ${rows} mails, SMTP got ${smtp.received.length}`);

    const digestSide = standaloneNotifications(db.ds, transport, {
      MAIL_BATCH_SIZE: '500',
      MAIL_SEND_CONCURRENCY: '20',
    });
    // other mailboxes than the first phase, so no recipient window is already running
    await enqueueAll(digestSide.outbox, db.ds, rows, recipients, 'digest');
    await db.ds.query(
      `UPDATE outbox_emails SET to_email = replace(to_email, 'head', 'deputy') WHERE dedupe_key LIKE 'digest:%'`,
    );
    const before = smtp.received.length;
    const digest = await drainOutbox(digestSide.sender, db.ds);
    const digestMails = smtp.received.length - before;

    process.stdout.write(
      JSON.stringify({
        bench: 'mail',
        rows,
        recipients,
        mails: plain.mails,
        seconds: round(plain.seconds),
        mailsPerSec: Math.round(plain.mails / plain.seconds),
        enqueueRowsPerSec: Math.round(rows / enqueueSeconds),
        digest: {
          rows,
          mails: digestMails,
          seconds: round(digest.seconds),
          rowsPerSec: Math.round(rows / digest.seconds),
        },
        transport: pooled ? 'smtp pool maxConnections=10' : 'smtp connection per mail',
      }) + '\n',
    );
  } finally {
    await transport.close();
    await smtp.stop();
    await db.close();
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
