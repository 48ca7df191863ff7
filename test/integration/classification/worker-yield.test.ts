import { ClassificationWorker } from '../../../src/classification/classification.worker';
import { Classifier } from '../../../src/classification/classifier';
import { createTestApp, TestApp } from '../../support/app';
import { itemRow, pendingItems, pushSource } from './items-support';

/**
 * Outside trial: six pushes of long hostile items, then one worker batch blocked the HTTP server for 15 s. The batch
 * now gives the event loop a turn between items; asserted by order of events, never by durations.
 */
describe('ClassificationWorker: a long batch leaves the event loop free (real PostgreSQL, real HTTP)', () => {
  let t: TestApp;
  let worker: ClassificationWorker;
  beforeAll(async () => {
    t = await createTestApp();
    worker = t.get(ClassificationWorker);
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it('answers /health and runs a timer scheduled during the batch before the batch ends; writes every row', async () => {
    const src = await pushSource(t.ds);
    const hostile = '朝阳区鼓楼区税务局'.repeat(2_300); // past CLASSIFY_MAX_CHARS, as in the trial
    const ids = await pendingItems(
      t.ds,
      src,
      Array.from({ length: 12 }, () => ({ text: hostile })),
    );

    const events: string[] = [];
    let health: Promise<void> | undefined;
    const real = Classifier.prototype.classify;
    jest.spyOn(Classifier.prototype, 'classify').mockImplementation(function (this: Classifier, input) {
      if (!health) {
        // scheduled while the batch is under way: both must get their turn before its last item
        setTimeout(() => events.push('timer'), 0);
        health = fetch(`${t.url}/health`).then(async (res) => {
          await res.text();
          events.push(`health ${res.status}`);
        });
      }
      const result = real.call(this, input);
      events.push('classified');
      return result;
    });

    const run = await worker.runOnce(100);
    events.push('batch done');
    await health;

    expect(run).toMatchObject({ claimed: 12, classified: 12, failed: 0 });
    const lastItem = events.lastIndexOf('classified');
    expect(events.indexOf('timer')).toBeGreaterThan(-1);
    expect(events.indexOf('timer')).toBeLessThan(lastItem);
    expect(events.indexOf('health 200')).toBeGreaterThan(-1);
    expect(events.indexOf('health 200')).toBeLessThan(lastItem);
    // still one claim and one write-back: every row classified, all at the batch's single "now"
    const rows = await Promise.all(ids.map((id) => itemRow(t.ds, id)));
    expect(rows.every((r) => r.status === 'classified')).toBe(true);
    expect(new Set(rows.map((r) => (r.classified_at as Date).toISOString())).size).toBe(1);
  });

  it('classifies the same text the service would: the stored row is cut at CLASSIFY_MAX_CHARS before it is read', async () => {
    const src = await pushSource(t.ds);
    const long = `深圳市南山区税务局态度恶劣。${'这是一段很长的正文。'.repeat(5_000)}`;
    const [id] = await pendingItems(t.ds, src, [{ title: '投诉', text: long }]);
    const seen: number[] = [];
    const real = Classifier.prototype.classify;
    jest.spyOn(Classifier.prototype, 'classify').mockImplementation(function (this: Classifier, input) {
      seen.push(input.title!.length + input.text.length);
      return real.call(this, input);
    });
    await worker.runOnce(10);
    expect(seen).toEqual([20_000]);
    expect(await itemRow(t.ds, id)).toMatchObject({ status: 'classified', bureau_code: '440305' });
  });
});
