/**
 * `npm run bench -- ingestion`: one poll cycle over a local feed farm of 2,000 feeds × 50 items, half of them
 * answering 304 to the ETag stored from an earlier poll. The farm runs in a child process (its memory and CPU are
 * not the poller's) and listens on 20 loopback addresses (127.0.0.1 … 127.0.0.20), so the per-host limit works as
 * it would against 20 sites. Prints one JSON line; targets: cycle < 60 s, RSS < 400 MB, ≥ 2,000 items/s stored.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { SystemClock } from '../../src/infrastructure/clock/clock';
import { validateEnv } from '../../src/infrastructure/config/validate-env';
import { MetricsService } from '../../src/infrastructure/http/metrics.service';
import { SourceClaims } from '../../src/ingestion/ingestion.claims';
import { IngestionConfig } from '../../src/ingestion/ingestion.config';
import { IngestionMetrics } from '../../src/ingestion/ingestion.metrics';
import { PollRecorder } from '../../src/ingestion/ingestion.recorder';
import { IngestionScheduler } from '../../src/ingestion/ingestion.scheduler';
import { ItemStore } from '../../src/ingestion/ingestion.store';
import { ItemPartitions } from '../../src/ingestion/item-partitions.service';
import { benchDatabase, freePort, peakRssMb } from './bench-support';

const FEEDS = 2000;
const ITEMS = 50;
const HOSTS = 20;
const ETAG = '"v1"';

// Plain JavaScript for the child process: feeds are built on first request and cached.
const FARM = `
const http = require('node:http');
const [port, hosts, items] = process.argv.slice(1).map(Number);
const cache = new Map();
const body = (path) => {
  if (!cache.has(path)) {
    const f = path.slice(2, -4);
    const now = Date.now();
    let xml = '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>订阅源 ' + f + '</title><link>http://example.com/</link>';
    for (let j = 0; j < items; j++) {
      xml += '<item><guid isPermaLink="false">f' + f + '-' + j + '</guid><title>某市税务局第' + j + '条通报：关于办税服务厅延时服务的说明</title>' +
        '<link>http://example.com/' + f + '/' + j + '.html</link><pubDate>' + new Date(now - j * 600000).toUTCString() + '</pubDate>' +
        '<description><![CDATA[<p>近日，有纳税人反映办税服务厅排队时间较长、电子税务局登录缓慢等问题。' +
        '对此，我局高度重视，立即组织核查，并决定自即日起延长服务时间，增设自助办税终端，欢迎社会各界监督。</p>]]></description></item>';
    }
    cache.set(path, xml + '</channel></rss>');
  }
  return cache.get(path);
};
const handler = (req, res) => {
  const path = req.url.split('?')[0];
  const i = Number(path.slice(2, -4));
  if (i % 2 === 0 && req.headers['if-none-match'] === '${ETAG}') { res.writeHead(304, { etag: '${ETAG}' }); return res.end(); }
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', ...(i % 2 === 0 ? { etag: '${ETAG}' } : {}) });
  res.end(body(path));
};
let up = 0;
for (let h = 1; h <= hosts; h++) http.createServer(handler).listen(port, '127.0.0.' + h, () => { if (++up === hosts) process.stdout.write('READY\\n'); });
`;

async function startFarm(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', FARM, String(port), String(HOSTS), String(ITEMS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ok, fail) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('READY') && ok());
    child.on('exit', (code) => fail(new Error(`feed farm exited with ${code}`)));
  });
  return child;
}

export default async function run(): Promise<void> {
  const db = await benchDatabase('ingestion');
  const port = await freePort();
  const farm = await startFarm(port);
  try {
    const clock = new SystemClock();
    const config = validateEnv(IngestionConfig, { FETCH_ALLOW_PRIVATE: 'true', ...process.env });
    const partitions = new ItemPartitions(db.ds, clock, config);
    await partitions.ensureAhead();
    const scheduler = new IngestionScheduler(
      clock,
      config,
      new SourceClaims(db.ds),
      new PollRecorder(db.ds, clock, config, new ItemStore(), partitions),
      new IngestionMetrics(new MetricsService()),
    );

    // 2,000 due feeds; the even ones were polled before and hold the ETag their server will answer 304 to
    await db.ds.query(
      `INSERT INTO sources (name, kind, url, authority_tier, etag, next_check_at, created_at, updated_at)
       SELECT 'bench feed ' || i, 'feed', 'http://127.0.0.' || (i % $3 + 1) || ':' || $2 || '/f' || i || '.xml', 'local',
              CASE WHEN i % 2 = 0 THEN $4 END, now() - interval '1 minute', now(), now()
         FROM generate_series(0, $1 - 1) AS i`,
      [FEEDS, port, HOSTS, ETAG],
    );

    const report = await scheduler.runCycle();
    const [{ items }] = await db.ds.query(`SELECT count(*)::int AS items FROM items`);
    const [{ left }] = await db.ds.query(
      `SELECT count(*)::int AS left FROM sources WHERE next_check_at <= now() - interval '30 seconds'`,
    );
    if (report.fetched !== FEEDS || left !== 0)
      throw new Error(`not every feed was polled: ${JSON.stringify(report)}, ${left} left`);
    if (items !== (FEEDS / 2) * ITEMS)
      throw new Error(`expected ${(FEEDS / 2) * ITEMS} items, found ${items}`);
    process.stderr.write(
      `${JSON.stringify({ ...report, concurrency: config.INGESTION_CONCURRENCY, perHost: config.INGESTION_PER_HOST })}\n`,
    );
    process.stdout.write(
      `${JSON.stringify({
        bench: 'ingestion',
        feeds: FEEDS,
        cycleSeconds: +report.seconds.toFixed(2),
        itemsPerSec: Math.round(report.itemsStored / report.seconds),
        peakRssMb: peakRssMb(),
        itemsStored: report.itemsStored,
        notModified: report.notModified,
        errors: report.errors,
      })}\n`,
    );
  } finally {
    farm.kill();
    await db.close();
  }
}
