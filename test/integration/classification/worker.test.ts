import { ClassificationWorker } from '../../../src/classification/classification.worker';
import { Classifier } from '../../../src/classification/classifier';
import { shippedModelVersion } from '../../../src/classification/classification.spec-support';
import { createTestApp, TestApp } from '../../support/app';
import { itemRow, pendingItems, pushSource } from './items-support';

describe('ClassificationWorker on real PostgreSQL', () => {
  let t: TestApp;
  let worker: ClassificationWorker;
  beforeAll(async () => {
    t = await createTestApp();
    worker = t.get(ClassificationWorker);
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it('classifies pending items, writes every classification column and marks alerts for the incident layer', async () => {
    const plain = await pushSource(t.ds);
    const shenzhen = await pushSource(t.ds, { bureauCode: '4403', regionCode: '440300', tier: 'local' });
    const [complaint, news] = await pendingItems(t.ds, plain, [
      {
        title: '办税厅态度恶劣',
        text: '杭州市西湖区办税服务厅工作人员态度恶劣，推诿扯皮，跑了三趟还没办成。',
      },
      { text: '某市税务局查处虚开发票团伙，涉案金额5亿元，犯罪嫌疑人已被移送公安机关。' },
    ]);
    const [fromSource] = await pendingItems(t.ds, shenzhen, [
      { text: '窗口只开一个，排队两小时，工作人员还爱答不理。' },
    ]);

    const run = await worker.runOnce(100);
    expect(run).toMatchObject({
      claimed: 3,
      classified: 3,
      failed: 0,
      alerts: 2,
      modelVersion: shippedModelVersion(),
    });

    const c = await itemRow(t.ds, complaint);
    expect(c).toMatchObject({
      status: 'classified',
      relevant: true,
      negative: true,
      against_authority: true,
      alert: true,
      bureau_code: '330106',
      region_code: '330106',
      category: '服务态度与效率',
      grade_hint: 'IV',
      model_version: shippedModelVersion(),
    });
    expect(c.classified_at).toEqual(t.clock.now());
    expect(typeof c.tone_score).toBe('number');
    expect(Array.isArray(c.secondary_categories)).toBe(true);
    const full = `${'办税厅态度恶劣'}\n${'杭州市西湖区办税服务厅工作人员态度恶劣，推诿扯皮，跑了三趟还没办成。'}`;
    const reasons = c.reasons as { rule: string; term: string; start: number; end: number }[];
    expect(reasons.some((r) => r.rule === 'target.complaint' && r.term === '推诿扯皮')).toBe(true);
    for (const r of reasons) if (r.end > 0) expect(full.slice(r.start, r.end)).toBe(r.term);

    expect(await itemRow(t.ds, news)).toMatchObject({
      status: 'classified',
      relevant: true,
      alert: false,
      grade_hint: null,
    });
    // No place in the text: the source's bureau.
    expect(await itemRow(t.ds, fromSource)).toMatchObject({
      alert: true,
      bureau_code: '4403',
      region_code: '440300',
    });
    expect((await worker.runOnce(100)).claimed).toBe(0);
  });

  it('marks a failing item failed with the error in reasons, and classifies the rest of the batch', async () => {
    const src = await pushSource(t.ds);
    const ids = await pendingItems(t.ds, src, [
      { text: '电子税务局又崩了，登不上' },
      { text: '这一条会让分类器出错' },
      { text: '12366打了一上午都打不通' },
    ]);
    const real = Classifier.prototype.classify;
    jest.spyOn(Classifier.prototype, 'classify').mockImplementation(function (this: Classifier, input) {
      if (input.text.includes('出错')) throw new Error('lexicon exploded');
      return real.call(this, input);
    });
    const run = await worker.runOnce(10);
    expect(run).toMatchObject({ claimed: 3, classified: 2, failed: 1 });
    expect(await itemRow(t.ds, ids[1])).toMatchObject({
      status: 'failed',
      alert: null,
      reasons: [{ rule: 'error', term: 'lexicon exploded', start: 0, end: 0 }],
    });
    expect(await itemRow(t.ds, ids[0])).toMatchObject({ status: 'classified', alert: true });
    expect(await itemRow(t.ds, ids[2])).toMatchObject({ status: 'classified', alert: true });
  });

  it('shares the work between concurrent workers: every item classified exactly once (FOR UPDATE SKIP LOCKED)', async () => {
    const src = await pushSource(t.ds);
    const ids = await pendingItems(
      t.ds,
      src,
      Array.from({ length: 240 }, (_, i) => ({ text: `第${i}条：税务局窗口态度${i % 2 ? '恶劣' : '很好'}` })),
    );
    const spy = jest.spyOn(Classifier.prototype, 'classify');
    const runs = await Promise.all([
      worker.runOnce(20),
      worker.runOnce(20),
      worker.runOnce(20),
      worker.runOnce(20),
    ]);
    const claimed = runs.reduce((n, r) => n + r.claimed, 0);
    expect(claimed).toBe(80);
    let rest = 0;
    for (let r = await worker.runOnce(50); r.claimed; r = await worker.runOnce(50)) rest += r.claimed;
    expect(claimed + rest).toBe(240);
    expect(spy).toHaveBeenCalledTimes(240);
    const [{ n }] = await t.ds.query(
      `SELECT count(*)::int AS n FROM items WHERE id = ANY($1) AND status = 'classified'`,
      [ids],
    );
    expect(n).toBe(240);
  });

  it('the tick drains the backlog in batches and does not overlap itself', async () => {
    const src = await pushSource(t.ds);
    await pendingItems(
      t.ds,
      src,
      Array.from({ length: 30 }, (_, i) => ({ text: `税务局第${i}条` })),
    );
    const spy = jest.spyOn(worker, 'runOnce');
    await Promise.all([worker.tick(), worker.tick()]);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM items WHERE status = 'pending'`);
    expect(n).toBe(0);
    // One tick ran (one batch of up to 500, then an empty check is not needed); the overlapping call returned at once.
    expect(spy).toHaveBeenCalledTimes(1);
  });
});
