/**
 * Which incident each new item joins — pure, so the rules are testable without a database:
 *   1. same normalised link, same bureau, incident seen within the window → that incident;
 *   2. else the nearest SimHash fingerprint of an incident of the same bureau within the window, if at most k bits
 *      away (k smaller for short texts) — ties go to the incident seen most recently;
 *   3. else a new incident.
 * Items are taken in order, and what earlier items of the batch created or widened (new incidents, new fingerprints,
 * new links) is visible to later ones: a burst of 200 reposts in one batch makes one incident.
 * Candidates from the database (found through the band index) come in per item; everything added during the batch
 * is indexed here by the same bands.
 */
import { allowedDistance, Fingerprint } from './incident-fingerprint';
import { bands, hamming, SimHash } from './incident-simhash';

export interface MatchItem {
  id: string;
  bureauKey: string;
  seenAt: Date;
  fp: Fingerprint;
}

export interface KnownIncident {
  id: string;
  bureauKey: string;
  lastSeenAt: Date;
  signatureCount: number;
}

export interface Candidate {
  incidentId: string;
  simhash: SimHash;
}

export interface MatchParams {
  maxDistance: number;
  minWords: number;
  windowMs: number;
  maxSignatures: number;
}

/** `ref` is an existing incident id, or `new:<n>` for an incident this batch creates. */
export interface MatchResult {
  assignments: { itemId: string; ref: string; distance: number | null; by: 'link' | 'simhash' | 'new' }[];
  created: { ref: string; bureauKey: string; firstItemId: string; simhash: SimHash }[];
  signatures: { ref: string; bureauKey: string; simhash: SimHash }[];
  links: { ref: string; bureauKey: string; link: string }[];
}

/** A fingerprint this far from every one the incident has is worth remembering (copies of copies drift). */
const NEW_SIGNATURE_DISTANCE = 2;

export function matchItems(
  items: readonly MatchItem[],
  known: ReadonlyMap<string, KnownIncident>,
  dbCandidates: ReadonlyMap<string, Candidate[]>,
  dbLinks: ReadonlyMap<string, string[]>,
  p: MatchParams,
): MatchResult {
  const result: MatchResult = { assignments: [], created: [], signatures: [], links: [] };
  const incidents = new Map<string, KnownIncident>([...known].map(([id, k]) => [id, { ...k }]));
  const bandIndex = new Map<string, Candidate[]>(); // `${bureauKey}|${band}|${value}` → fingerprints added in batch
  const linkIndex = new Map<string, string[]>(); // `${bureauKey}|${link}` → refs added in batch
  const linksOf = new Map<string, Set<string>>();
  let nextNew = 0;

  const remember = (ref: string, bureauKey: string, simhash: SimHash) => {
    bands(simhash).forEach((v, b) => {
      const key = `${bureauKey}|${b}|${v}`;
      const list = bandIndex.get(key) ?? [];
      list.push({ incidentId: ref, simhash });
      bandIndex.set(key, list);
    });
    result.signatures.push({ ref, bureauKey, simhash });
    incidents.get(ref)!.signatureCount++;
  };
  const addLink = (ref: string, bureauKey: string, link: string | null) => {
    if (!link) return;
    const seen = linksOf.get(ref) ?? new Set<string>();
    if (seen.has(link) || (dbLinks.get(`${bureauKey}|${link}`) ?? []).includes(ref)) return;
    seen.add(link);
    linksOf.set(ref, seen);
    const key = `${bureauKey}|${link}`;
    linkIndex.set(key, [...(linkIndex.get(key) ?? []), ref]);
    result.links.push({ ref, bureauKey, link });
  };
  const open = (ref: string, item: MatchItem) => {
    const inc = incidents.get(ref);
    return (
      !!inc &&
      inc.bureauKey === item.bureauKey &&
      inc.lastSeenAt.getTime() >= item.seenAt.getTime() - p.windowMs
    );
  };
  const latest = (a: string, b: string) =>
    incidents.get(a)!.lastSeenAt >= incidents.get(b)!.lastSeenAt ? a : b;

  for (const item of items) {
    let ref: string | null = null;
    let distance: number | null = null;
    let by: 'link' | 'simhash' | 'new' = 'new';
    if (item.fp.link) {
      const key = `${item.bureauKey}|${item.fp.link}`;
      for (const r of [...(dbLinks.get(key) ?? []), ...(linkIndex.get(key) ?? [])]) {
        if (open(r, item)) ref = ref ? latest(ref, r) : r;
      }
      if (ref) by = 'link';
    }
    if (!ref) {
      const limit = allowedDistance(item.fp.words, p.maxDistance, p.minWords);
      const pool = [...(dbCandidates.get(item.id) ?? [])];
      bands(item.fp.simhash).forEach((v, b) =>
        pool.push(...(bandIndex.get(`${item.bureauKey}|${b}|${v}`) ?? [])),
      );
      for (const c of pool) {
        if (!open(c.incidentId, item)) continue;
        const d = hamming(c.simhash, item.fp.simhash);
        if (d > limit) continue;
        if (
          distance === null ||
          d < distance ||
          (d === distance && latest(ref!, c.incidentId) === c.incidentId)
        ) {
          ref = c.incidentId;
          distance = d;
        }
      }
      if (ref) by = 'simhash';
    }
    if (ref) {
      const inc = incidents.get(ref)!;
      if (item.seenAt > inc.lastSeenAt) inc.lastSeenAt = item.seenAt;
      // Only text matches widen the fingerprint set: a post that merely carries the link may say anything else.
      if (by === 'simhash' && (distance ?? 0) >= NEW_SIGNATURE_DISTANCE) {
        if (
          inc.signatureCount < p.maxSignatures &&
          !hasSignature(bandIndex, ref, item.bureauKey, item.fp.simhash, dbCandidates.get(item.id))
        ) {
          remember(ref, item.bureauKey, item.fp.simhash);
        }
      }
    } else {
      ref = `new:${nextNew++}`;
      incidents.set(ref, { id: ref, bureauKey: item.bureauKey, lastSeenAt: item.seenAt, signatureCount: 0 });
      result.created.push({ ref, bureauKey: item.bureauKey, firstItemId: item.id, simhash: item.fp.simhash });
      remember(ref, item.bureauKey, item.fp.simhash);
    }
    addLink(ref, item.bureauKey, item.fp.link);
    result.assignments.push({ itemId: item.id, ref, distance, by });
  }
  return result;
}

function hasSignature(
  bandIndex: Map<string, Candidate[]>,
  ref: string,
  bureauKey: string,
  h: SimHash,
  db: Candidate[] | undefined,
): boolean {
  const same = (c: Candidate) => c.incidentId === ref && c.simhash.hi === h.hi && c.simhash.lo === h.lo;
  return (db ?? []).some(same) || (bandIndex.get(`${bureauKey}|0|${bands(h)[0]}`) ?? []).some(same);
}
