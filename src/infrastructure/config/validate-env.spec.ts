import { AppConfig } from './app.config';
import { ConfigError, validateEnv } from './validate-env';

describe('validateEnv(AppConfig)', () => {
  it('applies defaults', () => {
    const c = validateEnv(AppConfig, {});
    expect(c.PORT).toBe(3000);
    expect(c.SCHEDULER_ENABLED).toBe(true);
    expect(c.COOKIE_SECURE).toBe(false);
  });

  it('reads "false" as false and "true"/"1" as true (not Boolean("false"))', () => {
    expect(validateEnv(AppConfig, { SCHEDULER_ENABLED: 'false', COOKIE_SECURE: 'true' })).toMatchObject({
      SCHEDULER_ENABLED: false,
      COOKIE_SECURE: true,
    });
    expect(validateEnv(AppConfig, { SCHEDULER_ENABLED: '0', COOKIE_SECURE: '1' })).toMatchObject({
      SCHEDULER_ENABLED: false,
      COOKIE_SECURE: true,
    });
  });

  it('names every bad variable with the given value', () => {
    expect(() => validateEnv(AppConfig, { PORT: 'x', DATABASE_URL: 'mysql://a', LOG_LEVEL: 'loud' })).toThrow(
      ConfigError,
    );
    try {
      validateEnv(AppConfig, { PORT: 'x', DATABASE_URL: 'mysql://a', LOG_LEVEL: 'loud' });
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toMatch(/PORT \(given "x"\)/);
      expect(msg).toMatch(/DATABASE_URL \(given "mysql:\/\/a"\): must be a postgres/);
      expect(msg).toMatch(/LOG_LEVEL/);
    }
  });
});
