import { IncidentGrouper } from '../../../src/incidents/grouping/incident-grouper';
import type { TestApp } from '../../support/app';
import { json } from '../../support/http';
import { prng, randomStory, seedItems, seedSources, SeedItem } from './incident-fixtures';

let seed = 1000;

/** One incident made the real way (items seeded with SQL, then the grouper); returns its id. */
export async function makeIncident(
  t: TestApp,
  opts: Partial<SeedItem> & { bureauCode: string | null; items?: number; sources?: number },
): Promise<string> {
  const sources = await seedSources(t.ds, opts.sources ?? 1);
  const text = opts.text ?? randomStory(prng(seed++));
  const at = opts.ingestedAt ?? t.clock.now();
  const ids = await seedItems(
    t.ds,
    Array.from({ length: opts.items ?? 1 }, (_, n) => ({
      ...opts,
      sourceId: sources[n % sources.length],
      ingestedAt: new Date(at.getTime() + n * 1000),
      text: n === 0 ? text : `转发：${text}`,
      bureauCode: opts.bureauCode,
    })),
  );
  await t.get(IncidentGrouper).runOnce(1000);
  const [row] = await t.ds.query(`SELECT incident_id::text AS id FROM items WHERE id = $1`, [ids[0]]);
  if (!row?.id) throw new Error('item was not grouped');
  return row.id;
}

/** POST with a session cookie and a JSON body; returns status and parsed body. */
export async function post(t: TestApp, cookie: string, path: string, body: unknown) {
  const res = await fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await json(res) };
}

export async function get(t: TestApp, cookie: string, path: string) {
  const res = await fetch(`${t.url}${path}`, { headers: { cookie } });
  return { status: res.status, body: await json(res) };
}

export async function versionOf(t: TestApp, id: string): Promise<number> {
  const [row] = await t.ds.query(`SELECT version FROM incidents WHERE id = $1`, [id]);
  return row.version;
}
