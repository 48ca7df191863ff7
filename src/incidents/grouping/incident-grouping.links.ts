import type { EntityManager } from 'typeorm';
import { crossBureauCandidates, CandidateSet } from './incident-grouping.store';
import { LinkNode, linkGroups } from './incident-link-groups';
import type { SimHash } from './incident-simhash';

/**
 * link_group_id for the batch's new incidents: the cross-bureau incidents sharing a 16-bit word with their
 * fingerprints, and the joinable ones sharing a link (looked up for the batch already), go through linkGroups (pure).
 */
export async function linkNewIncidents(
  em: EntityManager,
  created: { ref: string; bureauKey: string; simhash: SimHash; link: string | null }[],
  cands: CandidateSet,
  cutoff: Date,
  maxDistance: number,
): Promise<Map<string, string>> {
  if (created.length === 0) return new Map();
  const existing = new Map<string, LinkNode>();
  const others = await crossBureauCandidates(
    em,
    created.map((c) => c.simhash),
    cutoff,
  );
  for (const o of others) {
    existing.set(`${o.id}|${o.simhash.hi}|${o.simhash.lo}`, {
      ref: o.id,
      bureauKey: o.bureauKey,
      simhash: o.simhash,
      link: null,
      linkGroupId: o.linkGroupId,
    });
  }
  for (const [key, ids] of cands.links) {
    const cut = key.indexOf('|');
    const bureauKey = key.slice(0, cut);
    const link = key.slice(cut + 1);
    for (const id of ids) {
      existing.set(`${id}|link|${link}`, {
        ref: id,
        bureauKey,
        simhash: null,
        link,
        linkGroupId: cands.known.get(id)?.linkGroupId ?? null,
      });
    }
  }
  const nodes = created.map((c) => ({ ...c, linkGroupId: null }));
  return linkGroups(nodes, [...existing.values()], maxDistance);
}
