import { SmtpMailTransport } from '../../../src/infrastructure/mail/mail-transport';
import { MailSender } from '../../../src/notifications/mail-sender.service';
import { OutboxService } from '../../../src/notifications/outbox.service';
import { MailPriority, OutboxMessage } from '../../../src/notifications/outbox.types';
import { TestApp } from '../../support/app';
import { FROM, notice } from './notice-fixture';
import { secondInstance, useOutboxApp } from './outbox-harness';
import { SmtpTestServer } from './smtp-test-server';

const HEAD = 'head@nanshan.yq.example.cn';
const IV = '请签收：Ⅳ级 一般舆情｜南山区税务局办税大厅推诿';
const III = '请签收：Ⅲ级 较大舆情｜南山区税务局社保费多扣';
const II = '请签收：Ⅱ级 重大舆情｜南山区税务局窗口冲突视频传播';

describe('outbox priority: urgent notices at once, digests led by the most urgent (real SMTP, real PostgreSQL)', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let outbox: OutboxService;
  let sender: MailSender;

  useOutboxApp((s) => ({ t, smtp, outbox, sender } = s));
  const enqueue = (key: string, subject: string, priority: MailPriority, to = HEAD) =>
    outbox.enqueue(t.ds.manager, notice(key, to, `【舆情哨】${subject}`, { priority }));
  const subjects = async () => (await smtp.parsed()).map((m) => m.subject);

  it('sends a grade Ⅱ first notice at once though the head was mailed 20 s before; the rest wait', async () => {
    await enqueue('p1:iv', IV, 'normal');
    expect(await sender.runOnce()).toMatchObject({ claimed: 1, sent: 1 });

    t.clock.advance(20_000);
    const { id } = await enqueue('p1:ii', II, 'urgent');
    await enqueue('p1:iv-2', `${IV}（续报）`, 'normal');
    expect(await sender.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await subjects()).toEqual([`【舆情哨】${IV}`, `【舆情哨】${II}`]); // on its own, not in a digest
    const [row] = await t.ds.query(
      `SELECT status, sent_at, bundled_into_id FROM outbox_emails WHERE id = $1`,
      [id],
    );
    expect(row).toMatchObject({ status: 'sent', bundled_into_id: null });
    expect(row.sent_at.getTime()).toBe(t.clock.now().getTime());

    // The urgent mail counts as the head's mail of this minute: the ordinary one follows a window later.
    t.clock.advance(59_000);
    expect(await sender.runOnce()).toMatchObject({ claimed: 0 });
    t.clock.advance(1_000);
    expect(await sender.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect((await subjects())[2]).toBe(`【舆情哨】${IV}（续报）`);
  });

  it('sends several urgent notices for one head as separate mails at once, never bundled', async () => {
    await enqueue('p2:ii-a', `${II}（一）`, 'urgent');
    await enqueue('p2:ii-b', `${II}（二）`, 'urgent');
    await enqueue('p2:iv', IV, 'normal');
    expect(await sender.runOnce()).toMatchObject({ claimed: 2, sent: 2 });
    expect((await subjects()).sort()).toEqual([`【舆情哨】${II}（一）`, `【舆情哨】${II}（二）`]);
  });

  it('names the most urgent notice in a digest subject and lists it first (not the last one queued)', async () => {
    await enqueue('p3:warm', '先前通知', 'normal');
    await sender.runOnce(); // the head was just mailed: the next three wait for one digest
    t.clock.advance(5_000);
    await enqueue('p3:iv-a', IV, 'normal');
    t.clock.advance(10_000);
    await enqueue('p3:iii', III, 'high');
    t.clock.advance(10_000);
    await enqueue('p3:iv-b', `${IV}（续报）`, 'low');
    await sender.runOnce();
    t.clock.advance(60_000);
    expect(await sender.runOnce()).toMatchObject({ claimed: 1, sent: 1 });

    const digest = (await smtp.parsed())[1];
    expect(digest.subject).toBe(`【舆情哨】3 条通知汇总：${III}`);
    // most urgent first; equal ones (none here) in the order they were queued
    const sections = [`1. 【舆情哨】${III}`, `2. 【舆情哨】${IV}`, `3. 【舆情哨】${IV}（续报）`];
    const inOrder = (at: number[]) => Math.min(...at) > 0 && at.every((i, n) => n === 0 || i > at[n - 1]);
    expect(inOrder(sections.map((h) => digest.text!.indexOf(`${h}（`)))).toBe(true);
    expect(inOrder(sections.map((h) => (digest.html as string).indexOf(`${h}</td>`)))).toBe(true);
    const [d] = await t.ds.query(
      `SELECT d.priority FROM outbox_emails o JOIN outbox_emails d ON d.id = o.bundled_into_id
        WHERE o.dedupe_key = 'p3:iii'`,
    );
    expect(d.priority).toBe(2); // a digest is as urgent as its most urgent notice
  });

  it('two instances: every notice once, urgent ones in the first round, ordinary ones one mail a minute', async () => {
    const transport2 = new SmtpMailTransport(smtp.url, FROM);
    const app2 = await secondInstance(t, transport2);
    try {
      const sender2 = app2.get(MailSender);
      const msgs: OutboxMessage[] = [];
      for (let r = 0; r < 30; r++) {
        const to = `duo${r}@yq.example.cn`;
        for (let k = 0; k < 3; k++) msgs.push(notice(`p4:${r}:n${k}`, to, `普通-${r}-${k}-止`));
        for (let k = 0; k < 2; k++)
          msgs.push(notice(`p4:${r}:u${k}`, to, `紧急-${r}-${k}-止`, { priority: 'urgent' }));
      }
      await outbox.enqueueMany(t.ds.manager, msgs);
      const start = t.clock.now().getTime();
      for (let round = 0; round < 4; round++) {
        const drain = async (s: MailSender) => {
          while ((await s.runOnce(15)).claimed > 0);
        };
        await Promise.all([drain(sender), drain(sender2), drain(sender), drain(sender2)]);
        t.clock.advance(61_000);
      }
      const mails = await smtp.parsed();
      for (const m of msgs) {
        const carrying = mails.filter((p) => p.subject === m.subject || (p.text ?? '').includes(m.subject));
        expect({ key: m.dedupeKey, mails: carrying.length }).toEqual({ key: m.dedupeKey, mails: 1 });
      }
      const urgent = await t.ds.query(
        `SELECT status, sent_at FROM outbox_emails WHERE dedupe_key LIKE 'p4:%:u%' ORDER BY id`,
      );
      expect(urgent).toHaveLength(60);
      for (const u of urgent) expect(u).toEqual({ status: 'sent', sent_at: new Date(start) });
      const tooClose = await t.ds.query(
        `SELECT a.recipient FROM outbox_emails a JOIN outbox_emails b
            ON a.recipient = b.recipient AND a.id < b.id
           AND abs(extract(epoch FROM b.claimed_at - a.claimed_at)) < 60
         WHERE a.status = 'sent' AND b.status = 'sent' AND a.priority < 3 AND b.priority < 3
           AND a.dedupe_key LIKE ANY (ARRAY['p4:%', 'digest:duo%'])`,
      );
      expect(tooClose).toEqual([]);
    } finally {
      await app2.close();
      await transport2.close();
    }
  });
});
