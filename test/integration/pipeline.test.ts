/**
 * The whole chain with real parts: a feed served over HTTP → poll → classify → group → confirm → escalation mail
 * through a real SMTP server. Each stage's own suite tests its details; this one proves the seams connect.
 */
import { simpleParser } from 'mailparser';
import { ClassificationWorker } from '../../src/classification/classification.worker';
import { IncidentGrouper } from '../../src/incidents/grouping/incident-grouper';
import { IncidentsService } from '../../src/incidents/incidents.service';
import { IngestionScheduler } from '../../src/ingestion/ingestion.scheduler';
import { SmtpMailTransport } from '../../src/infrastructure/mail/mail-transport';
import { MailSender } from '../../src/notifications/mail-sender.service';
import { FeedFarm, rss } from './ingestion/feed-farm';
import { addFeed, ingestionApp } from './ingestion/support';
import { SmtpTestServer } from './notifications/smtp-test-server';
import { TestApp } from '../support/app';

describe('pipeline: feed → item → classification → incident → escalation mail', () => {
  let t: TestApp;
  let farm: FeedFarm;
  let smtp: SmtpTestServer;

  beforeAll(async () => {
    smtp = await new SmtpTestServer().start();
    t = await ingestionApp({
      mail: new SmtpMailTransport(smtp.url, '舆情哨 <sentinel@test.local>'),
    } as never);
    farm = await new FeedFarm().start();
    await t.ds.query(
      `INSERT INTO bureau_contacts (bureau_code, role, name, email) VALUES
         ('440305', 'head', '李局长', 'head@nanshan.test'), ('440305', 'liaison', '王联络', 'liaison@nanshan.test')`,
    );
  });
  afterAll(async () => {
    await farm.stop();
    await t.close();
    await smtp.stop();
  });

  it('turns a complaint in a feed into an incident of the right bureau and emails its head on confirmation', async () => {
    const now = t.clock.now();
    const published = new Date(now.getTime() - 10 * 60_000);
    const url = farm.route('/nanshan.xml', (_q, r) => {
      r.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      r.end(
        rss([
          {
            guid: 'complaint-1',
            title: '深圳南山区办税服务厅工作人员态度恶劣',
            body: '今天去深圳市南山区办税服务厅办业务，排队三小时，工作人员态度恶劣，推诿扯皮，来回跑了三趟还是办不了[怒]',
            published,
          },
          {
            guid: 'praise-1',
            title: '南山区税务局开展纳税服务宣传月活动',
            body: '活动受到纳税人好评。',
            published,
          },
        ]),
      );
    });
    const sourceId = await addFeed(t, '南山社区论坛', url, { authorityTier: 'forum' });

    expect((await t.get(IngestionScheduler).runCycle()).itemsStored).toBe(2);
    await t.get(ClassificationWorker).runOnce();
    const items = await t.ds.query(
      `SELECT title, status, alert, bureau_code, category FROM items WHERE source_id = $1 ORDER BY title`,
      [sourceId],
    );
    expect(items).toEqual([
      // 南山区 alone is ambiguous (深圳 and 鹤岗) and the forum has no region: left to HQ triage, and not an alert anyway
      {
        title: '南山区税务局开展纳税服务宣传月活动',
        status: 'classified',
        alert: false,
        bureau_code: null,
        category: '其他',
      },
      {
        title: '深圳南山区办税服务厅工作人员态度恶劣',
        status: 'classified',
        alert: true,
        bureau_code: '440305',
        category: '服务态度与效率',
      },
    ]);

    await t.get(IncidentGrouper).runOnce();
    const [incident] = await t.ds.query(
      `SELECT id::text, bureau_code, status, grade, item_count FROM incidents`,
    );
    expect(incident).toMatchObject({ bureau_code: '440305', status: 'new', item_count: 1 });

    await t.get(IncidentsService).transition(incident.id, 'confirm', { userId: null, label: '测试监测员' });
    await t.get(MailSender).drain();
    const mails = await Promise.all(smtp.received.map((m) => simpleParser(m.raw)));
    // The envelope says who the server delivered to; the parsed mails say what they carry.
    const to = smtp.received.flatMap((m) => m.envelopeTo);
    expect(to.sort()).toEqual(['head@nanshan.test', 'liaison@nanshan.test']);
    expect(mails[0].subject).toMatch(/南山区/);
    expect(String(mails[0].html)).toContain('签收');
  });
});
