import { Classification1763800003000 } from '../../../migrations/1763800003000-Classification';
import { ClassificationService } from '../../../src/classification/classification.service';
import { ClassificationWorker } from '../../../src/classification/classification.worker';
import { RULES_VERSION } from '../../../src/classification/rules/rules.params';
import { shippedModelVersion } from '../../../src/classification/classification.spec-support';
import { createTestApp, TestApp } from '../../support/app';
import { cli } from '../../support/cli';
import { itemRow, pendingItems, pushSource } from './items-support';

/** Triage labels → `classifier:train` → the model version is recorded with every classification afterwards. */
describe('learning from triage (real PostgreSQL, the CLI)', () => {
  let t: TestApp;
  const saved = { DATABASE_URL: process.env.DATABASE_URL, LOG_LEVEL: process.env.LOG_LEVEL };
  beforeAll(async () => {
    t = await createTestApp();
    process.env.DATABASE_URL = t.db.url;
    process.env.LOG_LEVEL = 'silent';
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await t.close();
  });

  it('refuses to train without enough labels (exit 2, a clear message)', async () => {
    const { code, err } = await cli(['classifier:train']);
    expect(code).toBe(2);
    expect(err).toMatch(/need at least 10 labels with both alert and non-alert decisions \(have 0/);
  });

  it('stores labels given by item (text copied) or as free text, with who and when', async () => {
    const service = t.get(ClassificationService);
    const src = await pushSource(t.ds);
    const [itemId] = await pendingItems(t.ds, src, [{ title: '核定', text: '某区税务局发布核定定额通知' }]);
    const [user] = await t.ds.query(
      `INSERT INTO users (username, display_name, role, bureau_code) VALUES ('triage-1', '张三', 'monitor', '44') RETURNING id::text`,
    );
    const id = await service.recordLabel({
      itemId,
      alert: true,
      category: '收费与负担',
      bureauCode: '4403',
      labelledBy: user.id,
    });
    const [row] = await t.ds.query(`SELECT * FROM classification_labels WHERE id = $1`, [id]);
    expect(row).toMatchObject({
      item_id: itemId,
      title: '核定',
      text: '某区税务局发布核定定额通知',
      alert: true,
      category: '收费与负担',
      bureau_code: '4403',
      labelled_by: user.id,
      source: 'triage',
    });
    expect(row.labelled_at).toEqual(t.clock.now());
    await expect(service.recordLabel({ alert: true })).rejects.toMatchObject({
      code: 'CLASSIFICATION_EMPTY_LABEL',
    });
    await expect(service.recordLabel({ itemId: '999999999', alert: true })).rejects.toMatchObject({
      code: 'CLASSIFICATION_ITEM_NOT_FOUND',
    });
    await expect(
      t.ds.query(
        `INSERT INTO classification_labels (text, alert, category, labelled_at) VALUES ('x', true, '乱七八糟', now())`,
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it('trains on the labels, makes the model active, and the worker records its version', async () => {
    const service = t.get(ClassificationService);
    for (let i = 0; i < 30; i++) {
      await service.recordLabel(
        i % 2
          ? { text: `某区税务局核定定额第${i}次上调`, alert: true, category: '收费与负担' }
          : { text: `某区税务局表彰先进集体第${i}批`, alert: false },
      );
    }
    const { code, out } = await cli(['classifier:train']);
    expect(code).toBe(0);
    const outcome = JSON.parse(out);
    expect(outcome).toMatchObject({
      version: expect.any(Number),
      modelVersion: `${shippedModelVersion()}+nb-${outcome.version}`,
      trainingSize: 31,
    });
    expect(outcome.metrics.alertLabels).toEqual({ alert: 16, noAlert: 15 });
    const [model] = await t.ds.query(`SELECT * FROM classifier_models WHERE active`);
    expect(model).toMatchObject({
      version: outcome.version,
      kind: 'naive_bayes',
      rules_version: RULES_VERSION,
      training_size: 31,
    });
    expect(Object.keys(model.parameters)).toEqual(['alert', 'category']);

    // This instance picks the new model up on its next batch, and it changes a borderline decision.
    const src = await pushSource(t.ds);
    const [id] = await pendingItems(t.ds, src, [{ text: '某区税务局核定定额通知' }]);
    const run = await t.get(ClassificationWorker).runOnce(10);
    expect(run.modelVersion).toBe(`${shippedModelVersion()}+nb-${outcome.version}`);
    expect(await itemRow(t.ds, id)).toMatchObject({
      model_version: `${shippedModelVersion()}+nb-${outcome.version}`,
      alert: true,
    });

    // Training again retires the old version: one active model at a time.
    const again = JSON.parse((await cli(['classifier:train'])).out);
    expect(again.version).toBe(outcome.version + 1);
    const actives = await t.ds.query(`SELECT version FROM classifier_models WHERE active`);
    expect(actives).toEqual([{ version: again.version }]);
  });

  it('has a working down() and up() for its migration', async () => {
    const qr = t.ds.createQueryRunner();
    try {
      const m = new Classification1763800003000();
      await m.down(qr);
      expect((await qr.query(`SELECT to_regclass('classifier_models') AS t`))[0].t).toBeNull();
      await m.up(qr);
      expect((await qr.query(`SELECT to_regclass('classification_labels') AS t`))[0].t).toBe(
        'classification_labels',
      );
    } finally {
      await qr.release();
    }
  });
});
