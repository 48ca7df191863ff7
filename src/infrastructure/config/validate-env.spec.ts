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

  it('issue 12 point 17: PUBLIC_BASE_URL defaults to the port and host the service listens on', () => {
    expect(validateEnv(AppConfig, { PORT: '8080' }).PUBLIC_BASE_URL).toBe('http://localhost:8080');
    expect(validateEnv(AppConfig, { PORT: '8080', HOST: '10.1.2.3' }).PUBLIC_BASE_URL).toBe(
      'http://10.1.2.3:8080',
    );
    expect(validateEnv(AppConfig, { PORT: '8080', HOST: '::' }).PUBLIC_BASE_URL).toBe(
      'http://localhost:8080',
    );
    expect(validateEnv(AppConfig, { PORT: '8080', HOST: '::1' }).PUBLIC_BASE_URL).toBe('http://[::1]:8080');
    const set = validateEnv(AppConfig, { PORT: '8080', PUBLIC_BASE_URL: 'https://yq.example.cn' });
    expect(set.PUBLIC_BASE_URL).toBe('https://yq.example.cn');
  });

  it('issue 12 point 17: production refuses to start without PUBLIC_BASE_URL, and a malformed one anywhere', () => {
    expect(() => validateEnv(AppConfig, { NODE_ENV: 'production' })).toThrow(
      /PUBLIC_BASE_URL: must be set in production/,
    );
    const prod = validateEnv(AppConfig, { NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://yq.example.cn' });
    expect(prod.PUBLIC_BASE_URL).toBe('https://yq.example.cn');
    expect(() => validateEnv(AppConfig, { PUBLIC_BASE_URL: 'yq.example.cn' })).toThrow(
      /PUBLIC_BASE_URL \(given/,
    );
  });
});
