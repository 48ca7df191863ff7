import { MailSender } from '../../../src/notifications/mail-sender.service';
import { OutboxService } from '../../../src/notifications/outbox.service';
import { OutboxMessage } from '../../../src/notifications/outbox.types';
import { TestApp } from '../../support/app';
import { notice } from './notice-fixture';
import { useOutboxApp } from './outbox-harness';
import { SmtpTestServer } from './smtp-test-server';

describe('outbox and sender over real SMTP (loopback smtp-server, real PostgreSQL)', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let outbox: OutboxService;
  let sender: MailSender;

  useOutboxApp((s) => ({ t, smtp, outbox, sender } = s));
  const enqueue = (m: OutboxMessage) => outbox.enqueue(t.ds.manager, m);

  it('delivers a queued mail with its recipient, Chinese subject, HTML, text and attachment', async () => {
    const subject = '【舆情哨】Ⅱ级舆情事件：国家税务总局深圳市南山区税务局 办税服务厅排队三小时';
    const csv = '单位,件数\n南山区,3\n';
    const msg = notice('incident:42:step:ack-1:to:zhang@yq.example.cn', 'zhang@yq.example.cn', subject, {
      toName: '张三',
      incidentId: '42',
      attachments: [
        { filename: '通报.csv', contentType: 'text/csv', contentBase64: Buffer.from(csv).toString('base64') },
      ],
    });
    const { id, created } = await enqueue(msg);
    expect(created).toBe(true);

    const stats = await sender.runOnce();
    expect(stats).toMatchObject({ claimed: 1, sent: 1, failed: 0, retried: 0 });
    expect(smtp.received).toHaveLength(1);
    const raw = smtp.received[0].raw;
    expect(raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m); // RFC 2047 encoded, not raw UTF-8 bytes
    const [mail] = await smtp.parsed();
    expect(mail.subject).toBe(subject);
    expect(mail.to && !Array.isArray(mail.to) && mail.to.value[0]).toEqual({
      address: 'zhang@yq.example.cn',
      name: '张三',
    });
    expect(mail.from?.value[0]).toEqual({ address: 'sentinel@yq.example.cn', name: '舆情哨' });
    expect(mail.html).toContain('通知正文：【舆情哨】Ⅱ级舆情事件');
    expect(mail.html).toContain('href="https://yq.example.cn/a/incident%3A42');
    expect(mail.text).toContain('事件编号：incident:42:step:ack-1:to:zhang@yq.example.cn');
    expect(mail.text).toContain('签收：https://yq.example.cn/a/');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].filename).toBe('通报.csv');
    expect(mail.attachments[0].content.toString('utf8')).toBe(csv);
    expect(mail.messageId).toMatch(new RegExp(`^<outbox-${id}\\.\\d+@yq\\.example\\.cn>$`));
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');

    const [row] = await t.ds.query(
      `SELECT status, attempts, sent_at, message_id, server_response FROM outbox_emails WHERE id = $1`,
      [id],
    );
    expect(row).toMatchObject({ status: 'sent', attempts: 1, message_id: mail.messageId });
    expect(row.sent_at.toISOString()).toBe(t.clock.now().toISOString());
    expect(row.server_response).toMatch(/^250/);
    const attempts = await t.ds.query(
      `SELECT result, transient, response, duration_ms FROM outbox_attempts WHERE outbox_id = $1`,
      [id],
    );
    expect(attempts).toEqual([
      {
        result: 'sent',
        transient: false,
        response: expect.stringMatching(/^250/),
        duration_ms: expect.any(Number),
      },
    ]);
    expect(await sender.runOnce()).toMatchObject({ claimed: 0 });
  });

  it('sends one mail for the same dedupe key enqueued twice, and none for a rolled-back transaction', async () => {
    const first = await enqueue(notice('dup:1', 'li@yq.example.cn', '重复通知'));
    const second = await enqueue(notice('dup:1', 'li@yq.example.cn', '重复通知（第二次）'));
    expect(second).toEqual({ id: first.id, created: false });
    const batch = await outbox.enqueueMany(t.ds.manager, [
      notice('dup:1', 'li@yq.example.cn', 'x'),
      notice('dup:2', 'wu@yq.example.cn', 'y'),
      notice('dup:2', 'wu@yq.example.cn', 'y'),
    ]);
    expect(batch.map((b) => b.created)).toEqual([false, true, false]);
    expect(batch[2].id).toBe(batch[1].id);
    await t.ds
      .transaction(async (em) => {
        await outbox.enqueue(em, notice('rolled-back:1', 'li@yq.example.cn', '不应发送'));
        throw new Error('state change failed');
      })
      .catch(() => undefined);

    await sender.runOnce();
    expect(smtp.received.map((m) => m.envelopeTo[0]).sort()).toEqual([
      'li@yq.example.cn',
      'wu@yq.example.cn',
    ]);
    const [mail] = (await smtp.parsed()).filter((m) => m.subject === '重复通知');
    expect(mail).toBeDefined();
    const [{ n }] = await t.ds.query(
      `SELECT count(*)::int AS n FROM outbox_emails WHERE dedupe_key LIKE 'rolled-back:%'`,
    );
    expect(n).toBe(0);
  });

  it('bundles five notices due at once for one recipient into one digest; other recipients are unaffected', async () => {
    const keys = [1, 2, 3, 4, 5].map((i) => `digest-test:${i}`);
    for (const [i, k] of keys.entries()) {
      await enqueue(
        notice(k, 'Head@YQ.example.cn', `事件通知 第${i + 1}号`, { incidentId: String(100 + i) }),
      );
      t.clock.advance(1000);
    }
    await enqueue(notice('digest-test:other', 'other@yq.example.cn', '其他单位通知'));

    expect(await sender.runOnce()).toMatchObject({ claimed: 2, sent: 2 });
    expect(smtp.received).toHaveLength(2);
    const mails = await smtp.parsed();
    const digest = mails.find((m) => m.subject!.includes('汇总'))!;
    // equally urgent: the subject names the first listed, the oldest (same grade, same limits: nearest deadline)
    expect(digest.subject).toBe('【舆情哨】5 条通知汇总：事件通知 第1号');
    for (let i = 1; i <= 5; i++) {
      expect(digest.text).toContain(`事件通知 第${i}号`);
      expect(digest.html).toContain(`href="https://yq.example.cn/a/digest-test%3A${i}"`); // each 签收 link kept
    }
    // The signature block once per digest, in both parts as they arrive over SMTP (not once per notice).
    const footer = '此邮件由舆情哨系统自动发送，请勿直接回复。';
    const brand = '舆情哨 · 税务舆情监测与应急报告';
    expect(digest.text!.match(/^-- $/gm)).toHaveLength(1);
    expect(digest.text!.split(footer)).toHaveLength(2);
    expect(digest.text!.split(brand)).toHaveLength(2);
    expect(digest.text!.trimEnd().endsWith(`-- \n${footer}如有疑问请联系本单位舆情监测岗。\n${brand}`)).toBe(
      true,
    );
    expect((digest.html as string).split(footer)).toHaveLength(2);
    expect((digest.html as string).split(brand)).toHaveLength(2); // the top band; no footer repeats it
    expect(mails.find((m) => m.subject === '其他单位通知')).toBeDefined();

    const rows = await t.ds.query(
      `SELECT o.status, o.bundled_into_id::text AS into, d.delivery_status, d.delivered_at
         FROM outbox_emails o JOIN outbox_delivery d ON d.id = o.id WHERE o.dedupe_key = ANY($1)`,
      [keys],
    );
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r: { into: string }) => r.into)).size).toBe(1);
    for (const r of rows)
      expect(r).toMatchObject({ status: 'bundled', delivery_status: 'sent', delivered_at: expect.any(Date) });
    const [d] = await t.ds.query(`SELECT kind, status, to_email FROM outbox_emails WHERE id = $1`, [
      rows[0].into,
    ]);
    expect(d).toEqual({ kind: 'digest', status: 'sent', to_email: 'Head@YQ.example.cn' });
    const log = await outbox.deliveriesForIncident('102');
    expect(log).toEqual([
      expect.objectContaining({
        status: 'bundled',
        deliveryStatus: 'sent',
        bundledIntoId: rows[0].into,
        attempts: 1,
      }),
    ]);
  });

  it('holds further notices for a recipient mailed within the minute, then sends them as one digest', async () => {
    await enqueue(notice('window:1', 'zhao@yq.example.cn', '第一条'));
    await sender.runOnce();
    expect(smtp.received).toHaveLength(1);

    t.clock.advance(20_000);
    await enqueue(notice('window:2', 'zhao@yq.example.cn', '第二条'));
    await enqueue(notice('window:3', 'ZHAO@yq.example.cn ', '第三条'));
    await enqueue(notice('window:other', 'qian@yq.example.cn', '别人的通知'));
    await sender.runOnce();
    expect(smtp.received.map((m) => m.envelopeTo[0])).toEqual(['zhao@yq.example.cn', 'qian@yq.example.cn']);
    const [{ due }] = await t.ds.query(
      `SELECT min(next_attempt_at) AS due FROM outbox_emails WHERE dedupe_key IN ('window:2','window:3')`,
    );
    expect(due.getTime()).toBe(t.clock.now().getTime() + 40_000); // the end of zhao's window

    t.clock.advance(39_000);
    expect(await sender.runOnce()).toMatchObject({ claimed: 0 });
    t.clock.advance(1_000);
    expect(await sender.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    const last = (await smtp.parsed())[2];
    expect(last.subject).toBe('【舆情哨】2 条通知汇总：第二条');
    expect(last.text).toContain('第三条');
    expect(last.text).toContain('第二条');
  });
});
