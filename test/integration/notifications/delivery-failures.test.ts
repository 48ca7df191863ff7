import { MetricsService } from '../../../src/infrastructure/http/metrics.service';
import { DeliveryFailureListeners } from '../../../src/notifications/delivery-failure-listeners';
import { MailSender } from '../../../src/notifications/mail-sender.service';
import { MailSenderScheduler } from '../../../src/notifications/mail-sender.scheduler';
import { OutboxService } from '../../../src/notifications/outbox.service';
import { DeliveryFailure, OutboxMessage } from '../../../src/notifications/outbox.types';
import { TestApp } from '../../support/app';
import { notice } from './notice-fixture';
import { useOutboxApp } from './outbox-harness';
import { SmtpTestServer } from './smtp-test-server';

describe('outbox: permanent failures, skipping, tick and metrics (real SMTP, real PostgreSQL)', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let outbox: OutboxService;
  let sender: MailSender;
  const failures: DeliveryFailure[] = [];

  useOutboxApp((s) => ({ t, smtp, outbox, sender } = s));
  beforeAll(() => {
    t.get(DeliveryFailureListeners).register({ onDeliveryFailed: async (_em, f) => void failures.push(f) });
  });
  const enqueue = (m: OutboxMessage) => outbox.enqueue(t.ds.manager, m);

  it('marks a 550 answer failed without retrying, records the answer and flags the incident', async () => {
    smtp.rule = (a) => (a === 'gone@yq.example.cn' ? { code: 550, message: 'mailbox unavailable' } : null);
    const { id } = await enqueue(
      notice('perm:1', 'gone@yq.example.cn', '发往失效邮箱', { incidentId: '77' }),
    );
    const bad = await enqueue(notice('perm:2', 'not an address', '地址错误', { incidentId: '78' }));
    const stats = await sender.runOnce();
    expect(stats).toMatchObject({ claimed: 2, failed: 2, sent: 0, retried: 0 });
    expect(smtp.received).toHaveLength(0);

    const [row] = await t.ds.query(`SELECT status, last_error FROM outbox_emails WHERE id = $1`, [id]);
    expect(row.status).toBe('failed');
    expect(row.last_error).toContain('550 mailbox unavailable');
    const attempts = await t.ds.query(
      `SELECT result, transient, response FROM outbox_attempts WHERE outbox_id = ANY($1)`,
      [[id, bad.id]],
    );
    expect(attempts).toHaveLength(2);
    for (const a of attempts) expect(a).toMatchObject({ result: 'failed', transient: false });
    expect(attempts.map((a: { response: string }) => a.response).join()).toContain(
      'invalid recipient address',
    );

    const flags = await t.ds.query(
      `SELECT incident_id::text, notification_failed_at, failures, mails_failed FROM incident_notification_status
        WHERE incident_id IN (77, 78) ORDER BY incident_id`,
    );
    expect(flags).toEqual([
      { incident_id: '77', notification_failed_at: t.clock.now(), failures: 1, mails_failed: 1 },
      { incident_id: '78', notification_failed_at: t.clock.now(), failures: 1, mails_failed: 1 },
    ]);
    expect(failures.flatMap((f) => f.incidentIds).sort()).toEqual(['77', '78']); // listeners told, once each

    t.clock.advance(3 * 3600_000);
    expect(await sender.runOnce()).toMatchObject({ claimed: 0 });
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM outbox_attempts WHERE outbox_id = $1`, [
      id,
    ]);
    expect(n).toBe(1);
    smtp.rule = () => null;
  });

  it('skips pending mails of an incident on request and records why', async () => {
    const { id } = await enqueue(
      notice('skip:1', 'sun@yq.example.cn', '提醒', {
        incidentId: '90',
        notBefore: new Date(t.clock.now().getTime() + 3600_000),
      }),
    );
    expect(await outbox.skipPending(t.ds.manager, '90', '事件已签收')).toBe(1);
    t.clock.advance(2 * 3600_000);
    expect(await sender.runOnce()).toMatchObject({ claimed: 0 });
    expect(
      await t.ds.query(`SELECT result, response FROM outbox_attempts WHERE outbox_id = $1`, [id]),
    ).toEqual([{ result: 'skipped', response: '事件已签收' }]);
  });

  it('honours notBefore, runs from the tick only when the scheduler is enabled, and exports metrics', async () => {
    await enqueue(
      notice('tick:1', 'zhou@yq.example.cn', '定时', {
        notBefore: new Date(t.clock.now().getTime() + 60_000),
      }),
    );
    expect(await sender.runOnce()).toMatchObject({ claimed: 0 });
    const metricsText = await t.get(MetricsService).registry.metrics();
    expect(metricsText).toMatch(/yuqing_outbox_backlog\{status="pending"\} 1/);
    t.clock.advance(60_000);
    const tick = t.get(MailSenderScheduler);
    t.config.SCHEDULER_ENABLED = false;
    await tick.tick();
    expect(smtp.received).toHaveLength(0);
    t.config.SCHEDULER_ENABLED = true;
    await tick.tick();
    expect(smtp.received).toHaveLength(1);
    const after = await t.get(MetricsService).registry.metrics();
    expect(after).toMatch(/yuqing_outbox_backlog\{status="pending"\} 0/);
    expect(after).toMatch(/yuqing_mail_sent_total\{kind="test.notice"\} \d+/);
    expect(after).toMatch(/yuqing_mail_failed_total\{transient="false"\} 2/);
  });

  it('refuses malformed messages with a clear domain error', async () => {
    await expect(
      enqueue({ ...notice('bad:1', 'a@yq.example.cn', 's'), kind: 'digest' }),
    ).rejects.toMatchObject({ code: 'OUTBOX_INVALID_MESSAGE' });
    await expect(enqueue({ ...notice('', 'a@yq.example.cn', 's') })).rejects.toThrow(/dedupeKey/);
    await expect(
      enqueue(
        notice('bad:2', 'a@yq.example.cn', 's', {
          attachments: [{ filename: 'a', contentType: 'text/plain', contentBase64: '!!' }],
        }),
      ),
    ).rejects.toThrow(/base64/);
  });
});
