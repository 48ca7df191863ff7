import { join } from 'node:path';
import { projectClassifier } from '../../../src/classification/classification.spec-support';
import {
  alertsOnUnlabelled,
  evaluateRealPosts,
  formatRealPosts,
  formatUnlabelled,
  loadRealPosts,
  loadUnlabelledPosts,
  RealPost,
  XHS_LABELS_FILE,
} from '../../../src/classification/eval/real-posts.eval';
import { projectRoot } from '../../../src/classification/lexicon/lexicon.loader';
import { cli } from '../../support/cli';
import { SHARED_DIR } from '../../support/shared';

/**
 * The real-post set (test/fixtures/classification/README.md): Xiaohongshu posts read in place from ../shared, labelled
 * by the team. Rules were changed looking only at the dev part, and the complaint model is trained on the dev part
 * (so "all" is partly in-sample); the held-out part is what the levels below are about. Levels are what was measured,
 * rounded towards failing: a change that adds one false alert on the held-out part, or misses a complaint, breaks
 * the build.
 */
const LEVELS = {
  /**
   * Measured 1 of 225 held-out posts (0.4 %) and 1 of 513 in all (0.2 %) since the tone model also learned from the
   * team's cases (before: 2 of 225 and 2 of 513; 5 and 8 before the complaint model learned from the dev part); the
   * issue's goal is ≤ 5 %.
   */
  heldOutFalseAlertRate: 0.005,
  allFalseAlertRate: 0.003,
  /** Every complaint aimed at a tax authority in the set is alerted (2 held-out, 4 in all). */
  complaintRecall: 1,
  /**
   * The complaints' category: 4 of 4 (row 204, a filing error the officer could not explain, is 系统故障). Row 283
   * (问税管员，也不知道) was 廉政问题 with the training sets q…t alone; with u…x it is 服务态度与效率 again.
   */
  complaintCategoryCorrect: 4,
  /** Category as the domain set asserts it (complaints, and null for posts not about the authority): 0.987. */
  category: 0.98,
  /**
   * Alerts on the 1,685 posts nobody labelled (complaint-like posts were all drawn into the labelled set, so these
   * are false alerts on real text nobody chose): 7 (0.4 %), read on 2026-12-07 — a question about 进项 抵扣, a VAT-law
   * explainer, a question about a 零申报 screen, a buyer's slip over 个税 mortgage relief, an explainer on foreign
   * tax refunds, a question about 核定征收, a buyer's gripe about a seller's terms; no complaint among them (5 before
   * the policy gripes among the team's cases were labelled alerts). 6 (0.4 %) under rules-18 with the training sets
   * P…V, all six among the seven above (9 with P…S alone, 11 before the tone model's calm verdict held the complaint
   * model's vote back). 8 (0.5 %) under rules-19 with the heads fitted further: the six, the buyer's gripe again, and
   * 建议国家提高个税起征点 (a policy gripe: an alert of 政策争议 by the domain sets' definition, not this set's question).
   */
  unlabelledAlertRate: 0.005,
};

describe('real-post set (Xiaohongshu posts in ../shared, labels in test/fixtures/classification)', () => {
  // Loading checks every labelled row against the shared file's text (hash) and fails with the path if it is missing.
  const posts = loadRealPosts(SHARED_DIR, join(projectRoot(), XHS_LABELS_FILE));
  const classifier = projectClassifier();
  const run = (ps: RealPost[]) => evaluateRealPosts(ps, (i) => classifier.classify(i));
  const heldOut = run(posts.filter((p) => p.part === 'held-out'));
  const all = run(posts);

  it('holds 400+ labelled posts split about 60/40, with complaints in both parts', () => {
    process.stdout.write(`${formatRealPosts('held-out', heldOut)}\n\n${formatRealPosts('all', all)}\n`);
    expect(posts.length).toBeGreaterThanOrEqual(400);
    expect(heldOut.posts / all.posts).toBeGreaterThan(0.35);
    expect(heldOut.posts / all.posts).toBeLessThan(0.45);
    expect(heldOut.complaints).toBeGreaterThanOrEqual(1);
    expect(all.complaints - heldOut.complaints).toBeGreaterThanOrEqual(1);
  });

  it('keeps false alerts on the held-out part and the whole set to the measured level', () => {
    expect(heldOut.falseAlertRate).toBeLessThanOrEqual(LEVELS.heldOutFalseAlertRate);
    expect(all.falseAlertRate).toBeLessThanOrEqual(LEVELS.allFalseAlertRate);
  });

  it('alerts every complaint aimed at a tax authority', () => {
    expect(heldOut.missedRows).toEqual([]);
    expect(all.missedRows).toEqual([]);
    expect(all.complaintRecall).toBe(LEVELS.complaintRecall);
  });

  it('gives complaints their category, and none to posts not about the authority', () => {
    expect(all.complaintCategory.correct).toBeGreaterThanOrEqual(LEVELS.complaintCategoryCorrect);
    expect(all.category.accuracy).toBeGreaterThanOrEqual(LEVELS.category);
  });

  it('alerts on few of the real posts nobody labelled', () => {
    const rest = loadUnlabelledPosts(SHARED_DIR, join(projectRoot(), XHS_LABELS_FILE));
    const f = alertsOnUnlabelled(rest, (i) => classifier.classify(i));
    process.stdout.write(`${formatUnlabelled('not labelled', f)}\n`);
    expect(f.posts + posts.length).toBe(2198);
    expect(f.alertRate).toBeLessThanOrEqual(LEVELS.unlabelledAlertRate);
  });

  it('classifier:eval --sets prints both sets with their category confusions', async () => {
    const { code, out } = await cli(['classifier:eval', '--sets', '--shared', SHARED_DIR]);
    expect(code).toBe(0);
    expect(out).toMatch(/^domain set \(test\/fixtures\/classification\/domain-cases.jsonl\): \d+ cases/m);
    expect(out).toMatch(/^real posts, held-out .*: 225 posts/m);
    expect(out).toMatch(/^independent domain set, held-out .*: 120 cases/m);
    expect(out).toMatch(/^independent domain set, dev .*: 120 cases/m);
    expect(out).toMatch(/^third domain set, held-out .*: 120 cases/m);
    expect(out).toMatch(/^fourth domain set, held-out .*: 120 cases/m);
    expect(out).toMatch(/^fifth domain set, held-out .*: 120 cases/m);
    expect(out).toMatch(/^sixteenth domain set, held-out .*: 120 cases/m);
    expect(out).toMatch(/^seventeenth domain set, held-out .*: 120 cases/m);
    expect(out).toMatch(/^eighteenth domain set, held-out .*: 120 cases/m);
    // the first set, two halves of each of the seventeen independent sets, three real-post parts
    expect(out.match(/\(rows: labelled, columns: predicted\)/g)).toHaveLength(38);
    expect(out).toMatch(/^real posts not labelled: 1685 posts, alerts \d+ /m);
    // the domain set's confusion has a row for every category
    expect(out).toMatch(/^ +服务态度与效率 +[\d·]/m);
  });
});
