import type { Doc } from '../text/document';
import { TONE } from './rules.params';
import type { Contribution, Marker } from './tone.scorer';

/** A contrast marker: `before` opens a conceded clause (虽然, 以为), `after` turns to the verdict (但是). */
export type ContrastMarker = Marker & { role: 'before' | 'after' };

/**
 * Adversatives after which the writer's verdict may follow in plain words: praise before them is conceded even when no
 * opinion word comes after (服务都挺好的，可是门口停车场被职工车位占了一大半; 方向我是支持的，只是…我们反而多交了).
 * Not the weaker turns (结果, 其实, 总之, 没想到), which as often lead to good news or a plain fact.
 */
const BARE_TURNS = new Set([
  '但是',
  '但',
  '可是',
  '然而',
  '只是',
  '只不过',
  '不过',
  '就是',
  '偏偏',
  '可惜',
  '可惜的是',
  '遗憾的是',
  '美中不足的是',
  '唯一的缺点是',
  '问题是',
]);

/** 本来, 起初: "at first", an expectation only where a turn follows in the sentence, else no marker at all. */
const AT_FIRST = new Set(['本来', '原本', '起初', '起先']);
/** 以为, 本以为, 还以为, 本来: the clause they open is an expectation, which a later turn in the sentence refutes. */
const isExpectation = (m: ContrastMarker) =>
  m.role === 'before' && (m.match.info.term.includes('以为') || AT_FIRST.has(m.match.info.term));

/** The markers that act: 本来 and its like only with a turn after them in their sentence (生意本来就不好做 has none). */
export function actingMarkers(markers: ContrastMarker[]): ContrastMarker[] {
  return markers.filter(
    (m) =>
      !AT_FIRST.has(m.match.info.term) ||
      markers.some((o) => o.role === 'after' && o.sentence === m.sentence && o.match.tok > m.match.tok),
  );
}

/**
 * 虽然A，但是B: A counts less and B more. A turn with no opinion after it (态度有点差，不过最后还是给办了) leaves a complaint
 * before it standing; praise before a bare turn (BARE_TURNS) is conceded and the turn itself is the complaint, worded
 * as a plain fact. An expectation refuted by a turn (以为要跑好几趟，结果却一次就办好了) hardly counts, whatever follows.
 * Returns the contributions the bare turns add (one per sentence at most), and whether a fear was refuted: a negative
 * expectation (本来对税务检查挺害怕的，不过…) with nothing negative after its turn.
 */
export function applyContrast(
  doc: Doc,
  cs: Contribution[],
  markers: ContrastMarker[],
): { added: Contribution[]; refutedFear: boolean } {
  const added: Contribution[] = [];
  let refutedFear = false;
  for (const mk of markers) {
    if (mk.role !== 'after') continue;
    const turn = mk.match.tok;
    const previous = firstClause(doc, mk) ? mk.sentence - 1 : -2;
    if (
      cs.some(
        (c) =>
          c.kind !== 'emoticon' &&
          c.match.tok > turn &&
          c.sentence - mk.sentence <= 1 &&
          c.sentence >= mk.sentence,
      )
    ) {
      for (const c of cs) {
        if (c.kind === 'emoticon') continue;
        if (c.sentence === mk.sentence)
          c.value *= c.match.tok < turn ? TONE.contrastBefore : TONE.contrastAfter;
        else if (c.sentence === previous) c.value *= TONE.contrastPreviousSentence;
      }
      continue;
    }
    if (!BARE_TURNS.has(mk.match.info.term) || added.some((a) => a.sentence === mk.sentence)) continue;
    // Praise in the turn's clause or the two before it: a concession sits next to its turn.
    const before = cs.filter(
      (c) =>
        c.kind === 'sentiment' &&
        c.match.tok < turn &&
        mk.clause - c.clause <= 2 &&
        (c.sentence === mk.sentence || c.sentence === previous),
    );
    if (!before.some((c) => c.value >= TONE.bareTurnPraise) || before.some((c) => c.value < 0)) continue;
    for (const c of before) c.value *= TONE.contrastBefore;
    added.push({
      match: mk.match,
      kind: 'turn',
      value: -TONE.bareTurn,
      sentence: mk.sentence,
      clause: mk.clause,
      modifiers: [],
    });
  }
  for (const mk of markers) {
    if (mk.role !== 'before') continue;
    const turn = isExpectation(mk)
      ? markers.find((o) => o.role === 'after' && o.sentence === mk.sentence && o.match.tok > mk.match.tok)
      : undefined;
    if (turn) {
      const expectation = cs.filter((c) => c.clause === mk.clause && c.kind !== 'emoticon');
      // A fear refuted (nothing negative after the turn) is no complaint at all; other expectations hardly count.
      // Nothing negative after the turn, in the post (a later complaint keeps the post a complaint).
      const fear =
        expectation.reduce((sum, c) => sum + c.value, 0) < 0 &&
        !cs.some((c) => c.match.tok > turn.match.tok && c.value < 0);
      for (const c of expectation) c.value *= fear ? 0 : TONE.expectationRefuted;
      if (fear) refutedFear = true;
    } else if (!markers.some((o) => o.role === 'after' && o.sentence === mk.sentence)) {
      for (const c of cs) if (c.clause === mk.clause && c.kind !== 'emoticon') c.value *= TONE.concessionOnly;
    }
  }
  return { added, refutedFear };
}

/** The marker stands in its sentence's first clause: the turn may answer the sentence before. */
function firstClause(doc: Doc, mk: ContrastMarker): boolean {
  let first = mk.match.tok;
  while (first > 0 && doc.sentenceOf[first - 1] === mk.sentence) first--;
  return doc.clauseOf[first] === mk.clause;
}
