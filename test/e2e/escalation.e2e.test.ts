import { simpleParser } from 'mailparser';
import { EscalationEngine } from '../../src/escalation/engine/escalation.engine';
import { IncidentsService } from '../../src/incidents/incidents.service';
import { FakeClock } from '../../src/infrastructure/clock/clock';
import { SmtpMailTransport } from '../../src/infrastructure/mail/mail-transport';
import { MailSender } from '../../src/notifications/mail-sender.service';
import { createTestApp, TestApp } from '../support/app';
import {
  addr,
  confirmedIncident,
  COUNTY,
  FROM,
  seedContacts,
} from '../integration/escalation/escalation-harness';
import { SmtpTestServer } from '../integration/notifications/smtp-test-server';
import { launchBrowser, TestBrowser } from './support/browser';

/** A head opens the mail the SMTP server received, clicks 签收, confirms, and the console shows it acknowledged. */
describe('escalation: 签收 from the mail, in headless Chromium', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    smtp = await new SmtpTestServer().start();
    // the browser judges cookie expiry by the real clock, so the app's clock starts at real time
    [t, browser] = await Promise.all([
      createTestApp({
        clock: new FakeClock(new Date()),
        mail: new SmtpMailTransport(smtp.url, FROM),
        env: { MAIL_FROM: FROM },
      }),
      launchBrowser(),
    ]);
    t.config.PUBLIC_BASE_URL = t.url;
    await seedContacts(t.ds);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.stop();
  });

  it('the head clicks 签收 in the received HTML mail and the incident page shows it acknowledged', async () => {
    const id = await confirmedIncident(t.ds, t.get(IncidentsService), t.clock, {
      title: '天河区办税服务厅排队三小时无人管',
    });
    await t.get(EscalationEngine).drain();
    await t.get(MailSender).drain();
    const received = smtp.received.find((m) => m.envelopeTo.includes(addr('head', COUNTY)))!;
    const mail = await simpleParser(received.raw);

    const inbox = await browser.page();
    await inbox.setContent(mail.html as string); // the mail as a webmail client shows it
    expect(await inbox.locator('h1').innerText()).toContain('天河区办税服务厅排队三小时无人管');
    const [landing] = await Promise.all([
      browser.context.waitForEvent('page'),
      inbox.getByRole('link', { name: '签收', exact: true }).click(), // target=_blank: a new tab
    ]);
    await landing.waitForLoadState();
    expect(await landing.title()).toContain('签收');
    expect(await landing.locator('.link-card h1').innerText()).toContain(
      '签收：Ⅱ级 重大舆情｜天河区办税服务厅排队三小时无人管',
    );
    const [status] = await t.ds.query(`SELECT status FROM incidents WHERE id = $1`, [id]);
    expect(status.status).toBe('confirmed'); // opening the link did nothing yet
    await Promise.all([
      landing.waitForNavigation(),
      landing.getByRole('button', { name: '确认签收' }).click(),
    ]);
    expect(await landing.locator('.done').innerText()).toContain('已签收');

    const cookie = await t.userWithSession('tianhe-head', 'head', COUNTY);
    const [name, value] = cookie.split('=');
    await browser.context.addCookies([{ name, value, url: t.url }]);
    const consolePage = await browser.page();
    await consolePage.goto(`${t.url}/console/escalation/incidents/${id}`);
    expect(await consolePage.locator('[data-incident-status]').innerText()).toBe('已签收');
    const ack = consolePage.locator('tr[data-clock-kind="acknowledge"]');
    expect(await ack.getAttribute('data-clock-status')).toBe('met');
    expect(await ack.innerText()).toContain('已完成');
    // the report clock keeps counting down in the page
    const countdown = consolePage.locator('tr[data-clock-kind="first_report"] .countdown');
    await expect(countdown.innerText()).resolves.toMatch(/^还剩 \d+ 分 \d+ 秒$/);
    expect(await consolePage.locator('text=邮件链接办理记录').count()).toBe(1);
    expect(await consolePage.locator('.esc').innerText()).toContain(addr('head', COUNTY));
  });
});
