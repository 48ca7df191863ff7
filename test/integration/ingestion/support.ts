import { createTestApp, TestApp } from '../../support/app';
import { IngestionConfig } from '../../../src/ingestion/ingestion.config';
import { IngestionScheduler } from '../../../src/ingestion/ingestion.scheduler';
import { SourcesService } from '../../../src/sources/sources.service';
import { RawSourceInput } from '../../../src/sources/source-input';

/** The app with loopback fetching allowed (the farm is on 127.0.0.1), a short timeout and no jitter. */
export async function ingestionApp(opts: Parameters<typeof createTestApp>[0] = {}): Promise<TestApp> {
  const t = await createTestApp(opts);
  Object.assign(t.get(IngestionConfig), { FETCH_ALLOW_PRIVATE: true, FETCH_TIMEOUT_MS: 1000 });
  t.get(IngestionScheduler).random = () => 0.5;
  return t;
}

export async function addFeed(
  t: TestApp,
  name: string,
  url: string,
  over: RawSourceInput = {},
): Promise<string> {
  const s = await t.get(SourcesService).create(
    {
      name,
      kind: 'feed',
      url,
      authorityTier: 'local',
      minIntervalSeconds: 300,
      maxIntervalSeconds: 3600,
      ...over,
    },
    null,
  );
  return s.id;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function sourceRow(t: TestApp, id: string): Promise<any> {
  const [row] = await t.ds.query(`SELECT * FROM sources WHERE id = $1`, [id]);
  return row;
}

export async function itemCount(t: TestApp, sourceId: string): Promise<number> {
  const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM items WHERE source_id = $1`, [sourceId]);
  return n;
}

/** Seconds from the fake clock's now to the source's next check. */
export async function secondsToNextCheck(t: TestApp, id: string): Promise<number> {
  const row = await sourceRow(t, id);
  return Math.round((new Date(row.next_check_at).getTime() - t.clock.now().getTime()) / 1000);
}

export async function disableAll(t: TestApp): Promise<void> {
  await t.ds.query(`UPDATE sources SET enabled = false`);
}
