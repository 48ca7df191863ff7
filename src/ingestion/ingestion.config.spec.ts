import { ConfigError, validateEnv } from '../infrastructure/config/validate-env';
import { IngestionConfig } from './ingestion.config';

describe('IngestionConfig', () => {
  it('has safe defaults: private addresses refused, 6 h backoff cap, 5 MiB pushes', () => {
    const c = validateEnv(IngestionConfig, {});
    expect(c).toMatchObject({
      FETCH_ALLOW_PRIVATE: false,
      INGESTION_MAX_BACKOFF_SECONDS: 21_600,
      PUSH_MAX_BYTES: 5 * 1024 * 1024,
      ITEM_RETENTION_MONTHS: 0,
    });
  });

  it('reads booleans from their text ("false" stays false) and lists allowed hosts', () => {
    expect(validateEnv(IngestionConfig, { FETCH_ALLOW_PRIVATE: 'false' }).FETCH_ALLOW_PRIVATE).toBe(false);
    expect(validateEnv(IngestionConfig, { FETCH_ALLOW_PRIVATE: 'true' }).FETCH_ALLOW_PRIVATE).toBe(true);
    expect(
      validateEnv(IngestionConfig, { FETCH_ALLOW_HOSTS: ' RSSHub.intra , ,feeds.local' }).allowHosts(),
    ).toEqual(['rsshub.intra', 'feeds.local']);
  });

  it('refuses bad values at start-up, naming the variable', () => {
    expect(() => validateEnv(IngestionConfig, { INGESTION_CONCURRENCY: '0' })).toThrow(ConfigError);
    expect(() => validateEnv(IngestionConfig, { INGESTION_TICK_MS: 'often' })).toThrow(/INGESTION_TICK_MS/);
    expect(() => validateEnv(IngestionConfig, { FETCH_ALLOW_PRIVATE: 'maybe' })).not.toThrow(); // anything else is false
  });
});
