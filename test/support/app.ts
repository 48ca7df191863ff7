import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { Clock, FakeClock } from '../../src/infrastructure/clock/clock';
import { AppConfig } from '../../src/infrastructure/config/app.config';
import { validateEnv } from '../../src/infrastructure/config/validate-env';
import { MailTransport } from '../../src/infrastructure/mail/mail-transport';
import { UsersService } from '../../src/auth/users.service';
import { Role } from '../../src/auth/roles';
import { createTestDatabase, TestDatabase } from './database';

export interface TestApp {
  app: INestApplication;
  /** http://127.0.0.1:<port> */
  url: string;
  db: TestDatabase;
  ds: DataSource;
  clock: FakeClock;
  config: AppConfig;
  get<T>(token: abstract new (...args: never[]) => T): T;
  /** Creates a user (password TEST_PASSWORD) and returns its session cookie header value. */
  userWithSession(username: string, role: Role, bureauCode: string): Promise<string>;
  close(): Promise<void>;
}

// Passes the password policy (issue 12 point 7): not a common password, no repeated or sequential pattern.
export const TEST_PASSWORD = 'sentinel-test-pass-7';

/** The whole application on a fresh database and a random port, with a fake clock; the real HTTP stack. */
export async function createTestApp(
  opts: { env?: Record<string, string>; clock?: FakeClock; mail?: MailTransport; scheduler?: boolean } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const clock = opts.clock ?? new FakeClock();
  const config = validateEnv(AppConfig, {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    LOG_LEVEL: 'silent',
    PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
    SECRET_KEY: 'test-secret-key-test-secret-key-0123456789',
    MAIL_OUTBOX_DIR: `/tmp/yuqing-test-outbox/${db.name}`,
    ...opts.env,
  });
  let builder = Test.createTestingModule({
    imports: [AppModule.forRoot({ scheduler: opts.scheduler ?? false })],
  })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(clock);
  if (opts.mail) builder = builder.overrideProvider(MailTransport).useValue(opts.mail);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const addr = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${addr.port}`;
  const get = <T>(token: abstract new (...args: never[]) => T) => app.get(token as never) as T;
  return {
    app,
    url,
    db,
    ds: app.get(DataSource),
    clock,
    config,
    get,
    async userWithSession(username, role, bureauCode) {
      await get(UsersService).create({ username, role, bureauCode, password: TEST_PASSWORD }, null);
      const res = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: TEST_PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
      return (res.headers.get('set-cookie') ?? '').split(';')[0];
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
