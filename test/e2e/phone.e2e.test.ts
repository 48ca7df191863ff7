import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
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
  linksIn,
  seedContacts,
} from '../integration/escalation/escalation-harness';
import { SmtpTestServer } from '../integration/notifications/smtp-test-server';
import { launchBrowser, TestBrowser } from './support/browser';
import { PHONE, shootBothWidths, sidewaysOverflow } from './support/screens';

/** Issue 13: a bureau head reads the mail on a phone (390 px) and acts from it; no page may overflow sideways. */
describe('a head on a 390 px phone acts from a mail link (headless Chromium)', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let browser: TestBrowser;
  let page: Page;
  let id: string;
  let links: Record<string, string>;

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
    id = await confirmedIncident(t.ds, t.get(IncidentsService), t.clock, {
      title: '天河区办税服务厅排队三小时无人管 纳税人现场情绪激动',
    });
    await t.get(EscalationEngine).drain();
    await t.get(MailSender).drain();
    const received = smtp.received.find((m) => m.envelopeTo.includes(addr('head', COUNTY)))!;
    links = linksIn((await simpleParser(received.raw)).html as string);
    page = await browser.page();
    await page.setViewportSize(PHONE);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.stop();
  });

  it('opens the 签收 link at 390 px without sideways scrolling and acknowledges', async () => {
    await page.goto(links['签收']);
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(await shootBothWidths(page, 'link-acknowledge')).toBe(0);
    // the submit button is within the phone's width, so a thumb reaches it
    const box = (await page.getByRole('button', { name: '确认签收' }).boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '确认签收' }).click()]);
    await expect(page.locator('.done').innerText()).resolves.toContain('已签收');
  });

  it('then reports upward through the 已上报 link, filling the form on the phone', async () => {
    expect(Object.keys(links)).toEqual(expect.arrayContaining(['签收', '已上报']));
    await page.goto(links['已上报']);
    await expect(page.locator('.link-card h1').innerText()).resolves.toContain('已上报');
    expect(await shootBothWidths(page, 'link-report')).toBe(0);

    await page.fill('#reportedTo', '广州市税务局办公室');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '确认已上报' }).click()]);
    await expect(page.locator('.done').innerText()).resolves.toContain('已');
    expect(await shootBothWidths(page, 'link-report-done')).toBe(0);
    const [row] = await t.ds.query(
      `SELECT status FROM escalation_clocks WHERE subject_id = $1 AND kind = 'first_report'`,
      [id],
    );
    expect(row.status).toBe('met');
  });

  it('the head then opens the console pages from the mail: escalation view, incident and queue fit at 390 px', async () => {
    const cookie = await t.userWithSession('tianhe-head', 'head', COUNTY);
    const [name, value] = cookie.split('=');
    await browser.context.addCookies([{ name, value, url: t.url }]);

    await page.goto(`${t.url}/console/escalation/incidents/${id}`);
    await expect(page.locator('[data-incident-status]').innerText()).resolves.toBe('已上报');
    expect(await shootBothWidths(page, 'escalation-incident')).toBe(0);
    // the navigation is not cut: every item can be reached
    for (const link of await page.locator('.nav a').all()) {
      await link.scrollIntoViewIfNeeded();
      const b = (await link.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(PHONE.width);
    }

    await page.goto(`${t.url}/console/incidents/${id}`);
    await expect(page.locator('h1').innerText()).resolves.toContain('天河区办税服务厅');
    expect(await shootBothWidths(page, 'incident-detail')).toBe(0);

    await page.goto(`${t.url}/console/incidents?status=all`);
    await expect(page.locator(`#queue tr[data-id="${id}"]`).count()).resolves.toBe(1);
    expect(await shootBothWidths(page, 'incident-queue')).toBe(0);
  });
});
