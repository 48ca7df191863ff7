import {
  classify,
  classifierFor,
  docOf,
  fired,
  lexiconDir,
  projectClassifier,
} from '../classification.spec-support';
import { TONE } from './rules.params';
import { scoreTone } from './tone.scorer';

/** Contrast on a lexicon whose weights the test knows (the negativity bias doubles negative values). */
const known = classifierFor([
  lexiconDir({
    'positive.txt': '满意\t2\n宽敞\t2\n快\t1\n',
    'negative.txt': '慢\t2\n差\t2\n',
    'degree.txt': '很\t1.5\n',
    'contrast.txt': '虽然\tbefore\n以为\tbefore\n本来\tbefore\n但是\tafter\n结果\tafter\n',
  }),
]);
const tone = (text: string) => scoreTone(docOf(known, text));

describe('a bare turn after praise (rules-7)', () => {
  it('concedes the praise and weighs as a complaint when no opinion word follows the turn', () => {
    const t = tone('大厅很宽敞，但是门口的车位全被占了');
    const turn = t.contributions.find((c) => c.kind === 'turn');
    expect(turn?.match.info.term).toBe('但是');
    expect(turn?.value).toBeCloseTo(-TONE.bareTurn * TONE.negativityBias);
    expect(t.raw).toBeCloseTo(3 * TONE.contrastBefore - TONE.bareTurn * TONE.negativityBias);
    expect(t.negative).toBe(true);
    expect(t.reasons.map((r) => r.rule)).toContain('tone.turn');
    // The same facts without the turn are no complaint.
    expect(tone('大厅很宽敞，门口的车位全被占了').raw).toBeCloseTo(3);
  });

  it('is no turn of its own when an opinion follows it, a complaint precedes it, or the praise is weak', () => {
    const after = tone('大厅很宽敞，但是很慢');
    expect(after.contributions.some((c) => c.kind === 'turn')).toBe(false);
    expect(after.raw).toBeCloseTo(3 * TONE.contrastBefore + tone('很慢').raw * TONE.contrastAfter);
    // 态度差，但是最后给办了: the complaint before the turn stands, nothing is added.
    expect(tone('态度差，但是最后给办了').raw).toBeCloseTo(tone('态度差').raw);
    // A one-character product word (快 1) is not the praise a concession makes.
    expect(tone('发货快，但是今天下雨').contributions.some((c) => c.kind === 'turn')).toBe(false);
  });

  it('looks only at praise in the turn’s clause or the two before it', () => {
    expect(
      tone('很满意，第二件事，第三件事，第四件事，但是第五件事').contributions.some((c) => c.kind === 'turn'),
    ).toBe(false);
    expect(tone('很满意，第二件事，但是第三件事').contributions.some((c) => c.kind === 'turn')).toBe(true);
  });
});

describe('an expectation refuted by a turn', () => {
  it('以为…, 结果… leaves the expectation almost nothing; a fear refuted with nothing negative after it, nothing', () => {
    const fast = tone('会很快').raw;
    expect(fast).toBeGreaterThan(0);
    const hope = tone('以为会很快，结果差');
    // (the turn with an opinion after it weighs both sides first: contrastBefore, contrastAfter)
    const after = (text: string) => tone(text).raw * TONE.contrastAfter;
    expect(hope.raw).toBeCloseTo(fast * TONE.contrastBefore * TONE.expectationRefuted + after('差'));
    expect(hope.refutedFear).toBe(false);
    // A fear refuted: the post is relieved, whatever the fear's words (the target stage drops the model's vote too).
    const fear = tone('以为会很慢，结果一次就办好了');
    expect(fear.raw).toBe(0);
    expect(fear.refutedFear).toBe(true);
    // …unless something negative follows the turn: then the fear still counts a little.
    const worse = tone('以为会很慢，结果更差');
    expect(worse.raw).toBeCloseTo(
      tone('会很慢').raw * TONE.contrastBefore * TONE.expectationRefuted + after('更差'),
    );
    expect(worse.refutedFear).toBe(false);
    // Without the expectation the turn with nothing after it leaves the complaint standing.
    const slow = tone('会很慢').raw;
    expect(tone('会很慢，结果一次就办好了').raw).toBeCloseTo(slow);
  });

  it('本来 is an expectation only where a turn follows it; alone (生意本来就…) it is no marker', () => {
    const slow = tone('服务很慢').raw;
    expect(tone('本来服务很快，结果很慢').raw).toBeCloseTo(
      tone('服务很快').raw * TONE.contrastBefore * TONE.expectationRefuted +
        tone('很慢').raw * TONE.contrastAfter,
    );
    expect(tone('本来服务很慢，结果一次就办好了').raw).toBe(0);
    const alone = tone('服务本来就很慢');
    expect(alone.raw).toBeCloseTo(slow);
    expect(alone.reasons.some((r) => r.rule === 'tone.contrast')).toBe(false);
  });

  it('虽然 is no expectation: its clause is halved only where no turn follows', () => {
    expect(tone('虽然很慢').raw).toBeCloseTo(tone('很慢').raw * TONE.concessionOnly);
    expect(tone('虽然很慢，但是最后办了').raw).toBeCloseTo(tone('很慢').raw);
  });
});

describe('the project’s lexicons', () => {
  const c = projectClassifier();
  it('a concession, then a plain-worded complaint about the authority, is an alert', () => {
    const r = classify(c, '新办税服务厅宽敞明亮，但是离地铁站有三公里，老人来一趟要倒两趟车。');
    expect(r.alert).toBe(true);
    expect(fired(r, 'tone.turn')).toContain('tone.turn:但是');
  });
});
