import type { Doc } from '../text/document';
import { DomainHits, groupHits } from '../text/domain.hits';
import { TARGET } from './rules.params';
import type { GenreResult } from './genre.rules';
import type { ToneResult } from './tone.scorer';
import { zeroedBytes } from './scratch.tables';
import {
  announcedSentences,
  COMPLAINT,
  FIRST,
  FIRST_PERSON,
  insideTopic,
  INTEGRITY,
  NAMED,
  NAMING_GROUPS,
  OBJECT,
  OFFICIAL,
  SCAM,
  TGT,
  TOPIC,
  TOPIC_GROUPS,
  VERB,
} from './target.anchors';

/** What each sentence holds for judgeTarget (target.rules.ts): its bits, and whether it reads as news or a notice. */
export interface SentenceMasks {
  /** Per sentence: TGT, NAMED, TOPIC, COMPLAINT, INTEGRITY, OFFICIAL, SCAM, VERB, OBJECT, FIRST bits. */
  has: number[];
  /** 1 where the sentence is enforcement news, a notice or a scam warning: its negative words aim elsewhere. */
  neutral: number[];
}

export function sentenceMasks(
  doc: Doc,
  hits: DomainHits,
  tone: ToneResult,
  genre: GenreResult,
): SentenceMasks {
  const n = doc.sentenceCount;
  const sentenceOf = doc.sentenceOf;
  // One bit mask per sentence: what it contains.
  const has = new Array<number>(n).fill(0);
  for (const g of NAMING_GROUPS)
    for (const h of groupHits(hits, g)) has[sentenceOf[h.match.tok]] |= TGT | NAMED;
  for (const m of hits.bureaus) has[sentenceOf[m.tok]] |= TGT | NAMED;
  for (const g of TOPIC_GROUPS) for (const h of groupHits(hits, g)) has[sentenceOf[h.match.tok]] |= TOPIC;
  // 政策 inside 税收政策 names the tax, not who is criticised
  for (const h of groupHits(hits, 'target'))
    has[sentenceOf[h.match.tok]] |= h.weight < 1 || insideTopic(hits, h.match) ? TOPIC : TGT;
  for (const h of groupHits(hits, 'complaint')) has[sentenceOf[h.match.tok]] |= COMPLAINT;
  for (const h of groupHits(hits, 'integrity')) has[sentenceOf[h.match.tok]] |= INTEGRITY;
  for (const h of groupHits(hits, 'official')) has[sentenceOf[h.match.tok]] |= OFFICIAL;
  // An announcement with a negative word in it (催缴通知莫名其妙多了滞纳金) is someone's view of it.
  const announced = announcedSentences(doc);
  if (announced) {
    for (const c of tone.contributions) if (c.value < 0) announced[c.sentence] = 0;
    for (let s = 0; s < n; s++) if (announced[s]) has[s] |= OFFICIAL;
  }
  for (const h of groupHits(hits, 'scam'))
    if (h.weight >= TARGET.scamWarning) has[sentenceOf[h.match.tok]] |= SCAM;
  for (const m of hits.enforcementVerbs) has[sentenceOf[m.tok]] |= VERB;
  for (const m of hits.enforcementObjects) has[sentenceOf[m.tok]] |= OBJECT;
  // First person only matters where a sentence would otherwise read as enforcement news, a notice or a scam warning
  // (all third-person statements: 我 … “温馨提示：请耐心等待” is a complaint quoting one): look only there. In an
  // advice post it tells an own experience (我今天被约谈了) from a warning to readers (很多企业被罚款).
  if (
    hits.enforcementVerbs.length ||
    genre.advice ||
    groupHits(hits, 'official').length ||
    announced?.includes(1) ||
    groupHits(hits, 'scam').length
  ) {
    const mask = (genre.advice ? VERB | NAMED : VERB) | OFFICIAL | SCAM;
    for (let k = 0; k < doc.tokens.length; k++) {
      if (has[sentenceOf[k]] & mask && FIRST_PERSON.has(doc.tokens[k])) has[sentenceOf[k]] |= FIRST;
    }
  }
  // A notice does not say 苦不堪言: there the official word is a mention (要配合税务局搞“税收宣传月”…家长们苦不堪言).
  const suffering = zeroedBytes(0, n);
  for (const c of tone.contributions) if (c.value <= -TARGET.noticeOpinion) suffering[c.sentence] = 1;
  const neutral = new Array<number>(n).fill(0);
  for (let s = 0; s < n; s++) {
    const h = has[s];
    if (h & COMPLAINT) continue;
    // Enforcement news names an offence (查处 … 虚开发票团伙); 税务局查处我店 is someone's own account, not news.
    const enforcement = h & VERB && h & OBJECT && !(h & FIRST);
    // Integrity words (受贿, 被判刑) accuse the authority's people, except as the outcome of such news (主犯被判刑).
    if (h & INTEGRITY && !enforcement) continue;
    // A question (那损失谁来承担？) is someone's view, not a notice.
    const notice = ((h & OFFICIAL && !suffering[s]) || h & SCAM) && !(h & FIRST) && !doc.question[s];
    if (enforcement || notice) neutral[s] = 1;
  }
  return { has, neutral };
}
