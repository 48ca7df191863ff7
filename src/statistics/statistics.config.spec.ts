import { ConfigError, validateEnv } from '../infrastructure/config/validate-env';
import { rankingSettings, StatisticsConfig } from './statistics.config';

describe('StatisticsConfig', () => {
  it('defaults to the documented ranking settings and no extra HQ recipients', () => {
    const c = validateEnv(StatisticsConfig, {});
    expect(c.STATISTICS_HQ_RECIPIENTS).toEqual([]);
    expect(rankingSettings(c)).toEqual({
      weights: { volume: 40, timeliness: 40, failures: 20 },
      failurePoints: { late: 1, missed: 2, concealed: 3 },
      bottomN: 3,
      risePercent: 20,
      riseFromZeroMin: 3,
    });
    expect(c.STATISTICS_EXPLANATION_WORKING_DAYS).toBe(10);
  });

  it('reads a recipient list and numbers from the environment', () => {
    const c = validateEnv(StatisticsConfig, {
      STATISTICS_HQ_RECIPIENTS: 'a@hq.cn, b@hq.cn;c@hq.cn',
      STATISTICS_BOTTOM_N: '5',
      STATISTICS_WEIGHT_VOLUME: '50.5',
    });
    expect(c.STATISTICS_HQ_RECIPIENTS).toEqual(['a@hq.cn', 'b@hq.cn', 'c@hq.cn']);
    expect(c.STATISTICS_BOTTOM_N).toBe(5);
    expect(c.STATISTICS_WEIGHT_VOLUME).toBe(50.5);
  });

  it('refuses bad values, naming the variable', () => {
    expect(() =>
      validateEnv(StatisticsConfig, { STATISTICS_HQ_RECIPIENTS: 'a@hq.cn,not-an-address' }),
    ).toThrow(ConfigError);
    expect(() => validateEnv(StatisticsConfig, { STATISTICS_BOTTOM_N: '-1' })).toThrow(/STATISTICS_BOTTOM_N/);
  });
});
