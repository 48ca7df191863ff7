import { DataSource } from 'typeorm';
import { refreshAggregates } from '../../../src/incidents/assessment/incident-aggregates';
import { validateEnv } from '../../../src/infrastructure/config/validate-env';
import { flagText } from '../../../src/statistics/bulletin/bulletin-tables';
import { StatisticsConfig } from '../../../src/statistics/statistics.config';
import { StatisticsFiguresRepository } from '../../../src/statistics/figures/statistics-figures.repository';
import { StatisticsFiguresService } from '../../../src/statistics/figures/statistics-figures.service';
import { createTestDataSource } from '../../support/database';
import { seedItems, seedSources } from '../incidents/incident-fixtures';

/**
 * Which month an incident belongs to (issue 13, "Dates") and the first month of monitoring (no previous month to
 * compare with), on real PostgreSQL with the real migrations.
 */
describe('monthly cohorts: publication month, first month of monitoring', () => {
  let ds: DataSource;
  let close: () => Promise<void>;
  let service: StatisticsFiguresService;
  let source: string;

  beforeAll(async () => {
    ({ ds, close } = await createTestDataSource());
    service = new StatisticsFiguresService(
      ds,
      new StatisticsFiguresRepository(ds),
      validateEnv(StatisticsConfig, {}),
    );
    [source] = await seedSources(ds, 1);
  });
  afterAll(() => close?.());

  /** An incident of `bureau` detected at `detected`, made of items (ingested at detection) published at `published`. */
  async function incident(bureau: string, detected: string, published: (string | null)[]): Promise<string> {
    const at = new Date(detected);
    const [{ id }] = await ds.query(
      `INSERT INTO incidents (bureau_code, grade, status, title, first_seen_at, last_seen_at, detected_at, created_at,
                              updated_at)
       VALUES ($1, 'IV', 'new', '测试', $2, $2, $2, $2, $2) RETURNING id::text`,
      [bureau, at],
    );
    const items = await seedItems(
      ds,
      published.map((p) => ({
        sourceId: source,
        ingestedAt: at,
        publishedAt: p === null ? null : new Date(p),
        text: '测试正文',
        bureauCode: bureau,
      })),
    );
    await ds.query(`UPDATE items SET incident_id = $1 WHERE id = ANY($2::bigint[])`, [id, items]);
    await ds.transaction((em) => refreshAggregates(em, [id], 24));
    return id;
  }

  const times = async (id: string) =>
    (
      await ds.query(
        `SELECT published_at AS "publishedAt", occurred_at AS "occurredAt", detected_at AS "detectedAt"
           FROM incidents WHERE id = $1`,
        [id],
      )
    )[0];

  it('keeps publication apart from detection and counts an incident in the month it was published', async () => {
    // published 20 September (Shanghai), found 5 October; a second item dated in the future is not believed
    const old = await incident('4401', '2026-10-05T02:00:00Z', [
      '2026-09-20T02:00:00Z',
      '2026-12-01T00:00:00Z',
    ]);
    const fresh = await incident('4401', '2026-10-06T02:00:00Z', [null]);
    expect(await times(old)).toEqual({
      publishedAt: new Date('2026-09-20T02:00:00Z'),
      occurredAt: new Date('2026-09-20T02:00:00Z'),
      detectedAt: new Date('2026-10-05T02:00:00Z'),
    });
    // no publication time reported: the detection time stands for it
    expect((await times(fresh)).occurredAt).toEqual(new Date('2026-10-06T02:00:00Z'));

    const asOf = new Date('2026-11-02T01:00:00Z');
    const [sep, oct] = await Promise.all([
      service.compute('2026-09', '44', asOf),
      service.compute('2026-10', '44', asOf),
    ]);
    expect(sep.total.incidents).toBe(1);
    expect(oct.total.incidents).toBe(1);
    expect(oct.total.previousMonth).toBe(1);
    expect(oct.trend.find((t) => t.month === '2026-09')!.incidents).toBe(1);
  });

  it('shows no rank change and flags no rise in the first month, and names a rise from zero for what it is', async () => {
    // Fresh database state for this case: only Zhejiang (33) and Jiangsu (32) have anything, from January 2027 on.
    for (let k = 0; k < 4; k++) await incident('3301', `2027-01-1${k}T02:00:00Z`, [null]);
    await incident('3201', '2027-01-12T02:00:00Z', [null]);
    const asOf = new Date('2027-03-02T01:00:00Z');
    const jan = await service.compute('2027-01', '00', asOf);
    expect(jan.ranking.units).toHaveLength(36);
    // December 2026 had nothing at all in scope: no basis for rank changes or rises
    expect(jan.ranking.units.every((u) => u.rankChange === null && u.previousRank === null)).toBe(true);
    expect(jan.ranking.units.some((u) => u.flags.rise)).toBe(false);

    // February: Jiangsu rises from 1 to 2 (+100 %), Shanghai (31) from 0 to 3 — a rise from zero
    for (let k = 0; k < 2; k++) await incident('3201', `2027-02-1${k}T02:00:00Z`, [null]);
    for (let k = 0; k < 3; k++) await incident('31', `2027-02-1${k}T02:00:00Z`, [null]);
    const feb = await service.compute('2027-02', '00', asOf);
    const unit = (code: string) => feb.ranking.units.find((u) => u.code === code)!;
    expect(unit('33').rankChange).not.toBeNull();
    expect(unit('32').flags.rise).toBe(true);
    expect(flagText(unit('32'))).toContain('环比上升');
    expect(unit('31').flags.rise).toBe(true);
    expect(unit('31').change).toBeNull(); // 环比 shows 「—」 …
    expect(flagText(unit('31'))).toContain('新增负面舆情（上月为 0）'); // … so the flag does not say 环比上升
    expect(flagText(unit('31'))).not.toContain('环比上升');
  });
});
