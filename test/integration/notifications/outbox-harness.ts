import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../../src/app.module';
import { Clock } from '../../../src/infrastructure/clock/clock';
import { AppConfig } from '../../../src/infrastructure/config/app.config';
import { MailTransport, SmtpMailTransport } from '../../../src/infrastructure/mail/mail-transport';
import { MailSender } from '../../../src/notifications/mail-sender.service';
import { OutboxService } from '../../../src/notifications/outbox.service';
import { createTestApp, TestApp } from '../../support/app';
import { FROM } from './notice-fixture';
import { SmtpTestServer } from './smtp-test-server';

export interface OutboxSuite {
  t: TestApp;
  smtp: SmtpTestServer;
  outbox: OutboxService;
  sender: MailSender;
}

/**
 * Registers the hooks the outbox suites share: one application sending through a real SMTP server; before each test
 * the server's inbox is emptied and the clock moved ten minutes on, so every test starts with all recipient windows
 * long expired. `use` receives the parts once they exist (assign them to the suite's variables).
 */
export function useOutboxApp(use: (suite: OutboxSuite) => void): void {
  let suite: OutboxSuite;
  beforeAll(async () => {
    const smtp = await new SmtpTestServer().start();
    const t = await createTestApp({ mail: new SmtpMailTransport(smtp.url, FROM), env: { MAIL_FROM: FROM } });
    suite = { t, smtp, outbox: t.get(OutboxService), sender: t.get(MailSender) };
    use(suite);
  });
  afterAll(async () => {
    await suite.t.close();
    await suite.smtp.stop();
  });
  beforeEach(() => {
    suite.smtp.received.length = 0;
    suite.t.clock.advance(10 * 60_000);
  });
}

/** A second instance of the whole application on the same database (as a second server process would be). */
export async function secondInstance(t: TestApp, mail: MailTransport): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot({ scheduler: false })] })
    .overrideProvider(AppConfig)
    .useValue(t.config)
    .overrideProvider(Clock)
    .useValue(t.clock)
    .overrideProvider(MailTransport)
    .useValue(mail)
    .compile();
  await moduleRef.init(); // no HTTP listener needed: only the sender is exercised
  return moduleRef;
}
