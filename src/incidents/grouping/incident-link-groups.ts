/**
 * Linked incidents (issue 5 §1): grouping is keyed per bureau, so one story about two bureaus makes two incidents;
 * they share a link_group_id. A new incident joins a group when its first item is a near-duplicate (within k bits)
 * of, or has the same link as, an incident of ANOTHER bureau seen within the window. Pure: the grouper passes the
 * batch's new incidents and the cross-bureau candidates it looked up.
 */
import { hamming, SimHash, wideBands } from './incident-simhash';

export interface LinkNode {
  /** Incident id, or `new:<n>` for an incident of this batch. */
  ref: string;
  bureauKey: string;
  simhash: SimHash | null;
  link: string | null;
  linkGroupId: string | null;
}

/**
 * For every node in a group of two or more: the group id (an existing group, else the smallest existing id, else a
 * new ref). `maxDistance` must be at most 3 (pigeonhole over the four 16-bit words).
 */
export function linkGroups(
  created: readonly LinkNode[],
  existing: readonly LinkNode[],
  maxDistance: number,
): Map<string, string> {
  const nodes = [...created, ...existing];
  const parent = new Map(nodes.map((n) => [n.ref, n.ref]));
  const find = (x: string): string => {
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  const near = (a: LinkNode, b: LinkNode) =>
    a.bureauKey !== b.bureauKey &&
    ((a.link !== null && a.link === b.link) ||
      (a.simhash !== null && b.simhash !== null && hamming(a.simhash, b.simhash) <= maxDistance));
  // Only nodes sharing a link or a 16-bit word can be near (maxDistance ≤ 3, four words): bucket them, so a batch
  // of a thousand new incidents costs a thousand lookups, not a million comparisons.
  const buckets = new Map<string, LinkNode[]>();
  const keysOf = (n: LinkNode) => [
    ...(n.link !== null ? [`l|${n.link}`] : []),
    ...(n.simhash ? wideBands(n.simhash).map((w) => `w|${w.band}|${w.value}`) : []),
  ];
  for (const n of nodes) {
    for (const k of keysOf(n)) {
      const list = buckets.get(k);
      if (list) list.push(n);
      else buckets.set(k, [n]);
    }
  }
  for (const c of created) {
    for (const k of keysOf(c)) {
      for (const other of buckets.get(k)!) {
        if (other !== c && near(c, other)) parent.set(find(c.ref), find(other.ref));
      }
    }
  }
  const members = new Map<string, LinkNode[]>();
  for (const n of nodes) {
    const root = find(n.ref);
    const list = members.get(root);
    if (list) list.push(n);
    else members.set(root, [n]);
  }
  const out = new Map<string, string>();
  for (const group of members.values()) {
    const refs = new Set(group.map((n) => n.ref));
    if (refs.size < 2 || !group.some((n) => n.ref.startsWith('new:'))) continue;
    const ids = group.filter((n) => !n.ref.startsWith('new:'));
    const byGroup = ids.map((n) => n.linkGroupId).filter((g): g is string => g !== null);
    const gid = byGroup.length
      ? byGroup.sort(numeric)[0]
      : ids.length
        ? ids.map((n) => n.ref).sort(numeric)[0]
        : group.map((n) => n.ref).sort()[0];
    for (const r of refs) out.set(r, gid);
  }
  return out;
}

function numeric(a: string, b: string): number {
  return Number(BigInt(a) - BigInt(b) > 0n) - Number(BigInt(a) - BigInt(b) < 0n);
}
