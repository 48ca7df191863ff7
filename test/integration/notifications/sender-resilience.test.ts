import { simpleParser } from 'mailparser';
import { SmtpMailTransport } from '../../../src/infrastructure/mail/mail-transport';
import { MailSender } from '../../../src/notifications/mail-sender.service';
import { OutboxClaimRepository } from '../../../src/notifications/outbox-claim.repository';
import { OutboxService } from '../../../src/notifications/outbox.service';
import { OutboxMessage } from '../../../src/notifications/outbox.types';
import { TestApp } from '../../support/app';
import { FROM } from './notice-fixture';
import { secondInstance, useOutboxApp } from './outbox-harness';
import { SmtpTestServer } from './smtp-test-server';

function notice(key: string, to: string, subject = `通知 ${key} 结束`): OutboxMessage {
  return {
    dedupeKey: key,
    to,
    subject,
    text: `正文 ${subject}`,
    html: `<p>${subject}</p>`,
    kind: 'test.notice',
  };
}

describe('sender resilience: SMTP outage, lease expiry, two instances (real SMTP, real PostgreSQL)', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let outbox: OutboxService;
  let sender: MailSender;

  useOutboxApp((s) => ({ t, smtp, outbox, sender } = s));

  async function attemptsOf(ids: string[]) {
    return t.ds.query(
      `SELECT a.outbox_id::text AS id, a.result, a.transient, a.response FROM outbox_attempts a
        WHERE a.outbox_id = ANY($1::bigint[]) ORDER BY a.outbox_id, a.id`,
      [ids],
    );
  }

  it('SMTP down for ten minutes: every mail arrives exactly once afterwards, every attempt recorded', async () => {
    const msgs = Array.from({ length: 8 }, (_, i) => notice(`outage:${i}`, `outage${i}@yq.example.cn`));
    const ids = (await outbox.enqueueMany(t.ds.manager, msgs)).map((r) => r.id);
    await smtp.stop();
    const downUntil = t.clock.now().getTime() + 10 * 60_000;
    let restarted = false;
    for (let step = 0; step < 80; step++) {
      if (!restarted && t.clock.now().getTime() >= downUntil) {
        await smtp.start(); // same port, as the relay coming back
        restarted = true;
      }
      await sender.runOnce();
      if (restarted && smtp.received.length >= msgs.length) break;
      t.clock.advance(30_000);
    }
    expect(restarted).toBe(true);
    const subjects = (await smtp.parsed()).map((m) => m.subject).sort();
    expect(subjects).toEqual(msgs.map((m) => m.subject).sort()); // each once, none lost, none twice

    const rows = await t.ds.query(`SELECT status, attempts FROM outbox_emails WHERE id = ANY($1::bigint[])`, [
      ids,
    ]);
    for (const r of rows) expect(r.status).toBe('sent');
    const attempts = await attemptsOf(ids);
    for (const id of ids) {
      const mine = attempts.filter((a: { id: string }) => a.id === id);
      const failed = mine.filter((a: { result: string }) => a.result === 'failed');
      expect(failed.length).toBeGreaterThanOrEqual(3); // backoff 30 s, 60 s, 120 s, 240 s … inside ten minutes
      expect(failed.length).toBeLessThanOrEqual(7); // … and not every tick
      for (const f of failed)
        expect(f).toMatchObject({
          transient: true,
          response: expect.stringMatching(/ECONNREFUSED|ESOCKET|ECONNECTION/),
        });
      expect(mine[mine.length - 1]).toMatchObject({ result: 'sent', transient: false });
      expect(mine.filter((a: { result: string }) => a.result === 'sent')).toHaveLength(1);
    }
    const [r] = await t.ds.query(`SELECT attempts FROM outbox_emails WHERE id = $1`, [ids[0]]);
    expect(r.attempts).toBe(attempts.filter((a: { id: string }) => a.id === ids[0]).length);
  });

  it('a row left "sending" by a crashed sender is sent again after its lease, once', async () => {
    const { id } = await outbox.enqueue(
      t.ds.manager,
      notice('lease:1', 'lease@yq.example.cn', '租约过期后重发'),
    );
    // The crashed instance: it committed its claim and died before sending.
    const claimed = await t.get(OutboxClaimRepository).claim(10, t.clock.now(), 'crashed-host:1');
    expect(claimed.map((c) => c.id)).toEqual([id]);
    expect(await sender.runOnce()).toMatchObject({ claimed: 0 }); // still leased
    t.clock.advance(299_000);
    expect(await sender.runOnce()).toMatchObject({ claimed: 0 });
    t.clock.advance(2_000);
    expect(await sender.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.received).toHaveLength(1);
    expect((await simpleParser(smtp.received[0].raw)).subject).toBe('租约过期后重发');
    expect(await attemptsOf([id])).toEqual([
      {
        id,
        result: 'failed',
        transient: true,
        response: expect.stringContaining('lease expired: claimed by crashed-host:1'),
      },
      { id, result: 'sent', transient: false, response: expect.stringMatching(/^250/) },
    ]);
    // The crashed instance's late "sent" would not overwrite the new claim.
    const [row] = await t.ds.query(`SELECT status, attempts, claimed_by FROM outbox_emails WHERE id = $1`, [
      id,
    ]);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, claimed_by: sender.instance });
  });

  it('two application instances sending at once deliver each notice exactly once, one mail per recipient-minute', async () => {
    const transport2 = new SmtpMailTransport(smtp.url, FROM);
    const app2 = await secondInstance(t, transport2);
    try {
      const sender2 = app2.get(MailSender);
      expect(sender2.instance).not.toBe(sender.instance);
      const msgs: OutboxMessage[] = [];
      for (let i = 0; i < 240; i++) msgs.push(notice(`duo:${i}`, `solo${i}@yq.example.cn`, `单独-${i}-止`));
      for (let r = 0; r < 40; r++)
        for (let k = 0; k < 3; k++)
          msgs.push(notice(`duo:r${r}:${k}`, `multi${r}@yq.example.cn`, `合并-${r}-${k}-止`));
      // interleave so both senders see the same recipients in their batches
      msgs.sort((a, b) => a.dedupeKey.length - b.dedupeKey.length || (a.dedupeKey < b.dedupeKey ? 1 : -1));
      await outbox.enqueueMany(t.ds.manager, msgs);

      for (let round = 0; round < 5; round++) {
        const drain = async (s: MailSender) => {
          while ((await s.runOnce(20)).claimed > 0);
        };
        await Promise.all([drain(sender), drain(sender2), drain(sender), drain(sender2)]);
        t.clock.advance(61_000);
      }
      const [{ left }] = await t.ds.query(
        `SELECT count(*)::int AS left FROM outbox_emails WHERE status IN ('pending','sending')`,
      );
      expect(left).toBe(0);

      const mails = await smtp.parsed();
      for (const m of msgs) {
        const carrying = mails.filter((p) => p.subject === m.subject || (p.text ?? '').includes(m.subject));
        expect({ key: m.dedupeKey, mails: carrying.length }).toEqual({ key: m.dedupeKey, mails: 1 });
      }
      const byInstance = await t.ds.query(
        `SELECT claimed_by, count(*)::int AS n FROM outbox_emails WHERE status = 'sent' AND claimed_by IS NOT NULL
          AND dedupe_key NOT LIKE 'outage:%' AND dedupe_key NOT LIKE 'lease:%' GROUP BY claimed_by`,
      );
      expect(byInstance.length).toBe(2); // both really took part
      // never two mails to one mailbox within the window
      const tooClose = await t.ds.query(
        `SELECT a.recipient FROM outbox_emails a JOIN outbox_emails b
            ON a.recipient = b.recipient AND a.id < b.id
           AND abs(extract(epoch FROM b.claimed_at - a.claimed_at)) < 60
         WHERE a.status = 'sent' AND b.status = 'sent'`,
      );
      expect(tooClose).toEqual([]);
    } finally {
      await app2.close();
      await transport2.close();
    }
  });
});
