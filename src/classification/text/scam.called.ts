import type { Doc } from './document';
import type { GroupHit } from './domain.hits';

/**
 * 税务局简直是骗子, 这税务局跟骗子有什么区别: scam vocabulary said *of* the authority is an insult aimed at it, not a
 * scam or a warning about one — the writer complains (the opinion word stays), nobody impersonates anyone. Only the
 * authority's own name followed at once by a copula (是, 就是, 跟, 像 …) counts; 自称税务局的都是骗子 and 冒充税务局的骗子
 * are warnings and scams as before.
 */
const CALLED =
  /^(?:简直|就|真|根本|纯粹|完全|也|都|才|分明|明明|活脱脱|这不|不就)*(?:是|像|跟|和|与|同|如同|成了|变成了?|好比)(?:一群|一帮|一伙|一个|个|群|帮|伙)?$/;
/** A claim or a pose before the name: then the name is the scammer's mask, not who is insulted. */
const POSED = /(?:自称|冒充|假冒|假的|冒用|假扮|伪装成?|号称)[^，。！？\n]{0,4}$/;
/** How far before the scam word the authority's name may end (a copula and a few adverbs). */
const REACH = 8;

/**
 * The scam hits said of an authority named just before them in their clause. Both lists are in text order: one pointer
 * walks the authority's names, so a hostile text repeating 税务局是骗子 stays linear.
 */
export function calledScams(
  doc: Doc,
  scams: readonly GroupHit[],
  authority: readonly GroupHit[],
): GroupHit[] {
  const out: GroupHit[] = [];
  let j = -1; // the last authority name ending at or before the current scam word
  for (const h of scams) {
    const m = h.match;
    while (j + 1 < authority.length && authority[j + 1].match.end <= m.start) j++;
    if (j < 0) continue;
    const a = authority[j].match;
    if (m.start - a.end > REACH || doc.clauseOf[a.tok] !== doc.clauseOf[m.tok]) continue;
    const posed = POSED.test(doc.text.slice(Math.max(0, a.start - 8), a.start));
    if (!posed && CALLED.test(doc.text.slice(a.end, m.start))) out.push(h);
  }
  return out;
}
