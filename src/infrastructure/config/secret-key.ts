import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { AppConfig } from './app.config';
import { ConfigError } from './validate-env';

/**
 * The key that signs action links. Production must set SECRET_KEY (several instances must share it); elsewhere a
 * random key is created once in DATA_DIR/secret.key so links keep working across restarts.
 */
export function resolveSecretKey(c: AppConfig): string {
  if (c.SECRET_KEY) return c.SECRET_KEY;
  if (c.NODE_ENV === 'production') {
    throw new ConfigError(
      'Invalid configuration:\n  SECRET_KEY: must be set in production (at least 32 characters)',
    );
  }
  const file = resolve(c.DATA_DIR, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(resolve(c.DATA_DIR), { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}
