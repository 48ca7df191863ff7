import { DataSource } from 'typeorm';
import { FakeClock } from '../../../src/infrastructure/clock/clock';
import { AppConfig } from '../../../src/infrastructure/config/app.config';
import { validateEnv } from '../../../src/infrastructure/config/validate-env';
import { SmtpMailTransport } from '../../../src/infrastructure/mail/mail-transport';
import { createTestDatabase, TestDatabase } from '../../support/database';
import { SmtpTestServer } from '../notifications/smtp-test-server';
import {
  addr,
  confirmedIncident,
  FROM,
  MinuteDriver,
  NOBODY_ACTS,
  seedContacts,
  startInstance,
} from './escalation-harness';

type Instance = Awaited<ReturnType<typeof startInstance>>;

/** Each test gets its own database, kept across "restarts" of the application. */
async function setUp() {
  const db: TestDatabase = await createTestDatabase();
  const smtp = await new SmtpTestServer().start();
  const clock = new FakeClock('2026-11-02T01:00:00Z');
  const config = validateEnv(AppConfig, {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    LOG_LEVEL: 'silent',
    SECRET_KEY: 'test-secret-key-test-secret-key-0123456789',
    MAIL_FROM: FROM,
  });
  const transport = () => new SmtpMailTransport(smtp.url, FROM);
  const instances: Instance[] = [];
  const start = async () => {
    const i = await startInstance(config, clock, transport());
    instances.push(i);
    return i;
  };
  const first = await start();
  await seedContacts(first.app.get(DataSource));
  return {
    db,
    smtp,
    clock,
    first,
    /** The newest instance's connection (the first one's closes with it). */
    get ds(): DataSource {
      return instances[instances.length - 1].app.get(DataSource);
    },
    start,
    async tearDown() {
      for (const i of instances) await i.close().catch(() => undefined);
      await smtp.stop();
      await db.drop();
    },
  };
}

/** Every escalation row was delivered, and every mail the SMTP server got is a distinct message (no duplicates). */
async function expectDeliveredOnce(ds: DataSource, smtp: SmtpTestServer) {
  const undelivered = await ds.query(
    `SELECT id, delivery_status FROM outbox_delivery WHERE kind LIKE 'escalation.%' AND delivery_status <> 'sent'`,
  );
  expect(undelivered).toEqual([]);
  const parsed = await smtp.parsed();
  const ids = parsed.map((m) => m.messageId);
  expect(new Set(ids).size).toBe(ids.length);
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox_emails WHERE status = 'sent'`);
  expect(parsed.length).toBe(n);
}

describe('escalation across outages, restarts and several instances (real SMTP, real PostgreSQL)', () => {
  let env: Awaited<ReturnType<typeof setUp>>;
  afterEach(async () => env?.tearDown());

  it('SMTP down for ten minutes: nothing lost, nothing duplicated, every attempt recorded', async () => {
    env = await setUp();
    const t0 = env.clock.now();
    await confirmedIncident(env.ds, env.first.incidents, env.clock);
    const driver = new MinuteDriver(env.clock, t0, env.smtp);
    await driver.run(0, 13, [env.first]);
    await env.smtp.stop();
    await driver.run(14, 23, [env.first]);
    await env.smtp.start(); // same port: the relay is back
    await driver.run(24, 100, [env.first]);

    // the same notices reached the same people as without the outage (the 15-minute ones later, after retries)
    const people = (lines: string[]) => lines.map((l) => l.slice(4)).sort();
    const expected = people(NOBODY_ACTS);
    const got = people(driver.table());
    // a retried notice may share a digest with a newer one for the same person; count notices, not mails
    const notices = await env.ds.query(
      `SELECT n.recipient_email AS email, c.kind, n.step_no AS step, n.repeat FROM escalation_notifications n
         LEFT JOIN escalation_clocks c ON c.id = n.clock_id ORDER BY 1, 2, 3, 4`,
    );
    expect(notices).toHaveLength(24);
    expect(got.length).toBeLessThanOrEqual(expected.length);
    await expectDeliveredOnce(env.ds, env.smtp);
    for (const who of [addr('deputy', '440106'), addr('office', '440106')]) {
      const mine = driver.arrivals.filter((a) => a.to === who);
      const text = mine.map((a) => a.parsed.text).join('\n');
      expect(text).toContain('「签收」已超时'); // the 15-minute notice, delivered after the outage
      expect(text).toContain('「首报（向上级报告）」已超时');
      expect(mine.every((a) => a.minute >= 24)).toBe(true);
    }
    const failures = await env.ds.query(
      `SELECT count(*)::int AS n FROM outbox_attempts a JOIN outbox_emails o ON o.id = a.outbox_id
        WHERE a.result = 'failed' AND a.transient AND o.to_email = $1`,
      [addr('deputy', '440106')],
    );
    expect(failures[0].n).toBeGreaterThanOrEqual(2);
  });

  it('a restart mid-escalation (close the app, start a new one on the same database) resumes exactly', async () => {
    env = await setUp();
    const t0 = env.clock.now();
    await confirmedIncident(env.ds, env.first.incidents, env.clock);
    const driver = new MinuteDriver(env.clock, t0, env.smtp);
    await driver.run(0, 20, [env.first]);
    await env.first.close();
    const second = await env.start();
    await driver.run(21, 100, [second]);
    expect(driver.table()).toEqual(NOBODY_ACTS);
    await expectDeliveredOnce(env.ds, env.smtp);
  });

  it('steps that came due while the service was down fire once, on start', async () => {
    env = await setUp();
    const t0 = env.clock.now();
    await confirmedIncident(env.ds, env.first.incidents, env.clock);
    const driver = new MinuteDriver(env.clock, t0, env.smtp);
    await driver.run(0, 20, [env.first]);
    await env.first.close();
    const second = await env.start(); // down from 21 to 49; the first tick after start is at 50
    await driver.run(50, 100, [second]);
    expect(driver.table()).toEqual(
      [
        ...NOBODY_ACTS.filter((l) => Number(l.slice(0, 3)) <= 20 || Number(l.slice(0, 3)) > 50),
        // 30 and 45, caught up at 50; the city's two notices share one digest
        `050 ${addr('deputy', '440106')} overdue:首报（向上级报告）`,
        `050 ${addr('office', '440106')} overdue:首报（向上级报告）`,
        `050 ${addr('head', '4401')} digest:2`,
        `050 ${addr('liaison', '4401')} digest:2`,
        `050 ${addr('head', '44')} supervise:签收`,
        `050 ${addr('liaison', '44')} supervise:签收`,
      ].sort(),
    );
    await expectDeliveredOnce(env.ds, env.smtp);
  });

  it('two instances running the engine and the sender at once send each mail once', async () => {
    env = await setUp();
    const other = await env.start();
    const t0 = env.clock.now();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++)
      ids.push(
        await confirmedIncident(env.ds, env.first.incidents, env.clock, { title: `并发测试事件 ${i}` }),
      );
    const parts = [env.first, other];
    for (let m = 0; m <= 80; m += 5) {
      env.clock.set(new Date(t0.getTime() + m * 60_000));
      await Promise.all(parts.map((p) => p.engine.drain()));
      await Promise.all(parts.map((p) => p.sender.drain()));
    }
    env.clock.set(new Date(t0.getTime() + 90 * 60_000));
    await Promise.all(parts.map((p) => p.sender.drain()));
    // per incident: 2 start + 2 + 4 + 4 + 6 + 4 notices (nobody acts, 0…75 min)
    const [{ n }] = await env.ds.query(`SELECT count(*)::int AS n FROM escalation_notifications`);
    expect(n).toBe(12 * 22);
    const steps = await env.ds.query(
      `SELECT subject_id, after->>'kind' AS kind, after->>'stepNo' AS step, after->>'repeat' AS rep, count(*)::int AS n
         FROM incident_events e JOIN escalation_clocks c ON c.id = (e.after->>'clockId')::bigint
        WHERE e.action = 'escalation_step' GROUP BY 1, 2, 3, 4 HAVING count(*) > 1`,
    );
    expect(steps).toEqual([]); // no step applied twice
    await expectDeliveredOnce(env.ds, env.smtp);
    const sentTwice = await env.ds.query(
      `SELECT outbox_id FROM outbox_attempts WHERE result = 'sent' GROUP BY outbox_id HAVING count(*) > 1`,
    );
    expect(sentTwice).toEqual([]);
  });
});
