import type { Fingerprint } from './incident-fingerprint';
import { linkGroups } from './incident-link-groups';
import { KnownIncident, matchItems, MatchItem } from './incident-matching';

const H = 3_600_000;
const t0 = new Date('2026-11-02T00:00:00Z').getTime();
const fp = (hi: number, lo: number, link: string | null = null, words = 50): Fingerprint => ({
  simhash: { hi, lo },
  words,
  link,
});
const item = (id: string, bureauKey: string, hours: number, f: Fingerprint): MatchItem => ({
  id,
  bureauKey,
  seenAt: new Date(t0 + hours * H),
  fp: f,
});
const params = { maxDistance: 7, minWords: 12, windowMs: 72 * H, maxSignatures: 48 };

describe('matchItems', () => {
  it('groups near-duplicates of one bureau within a batch and keeps far ones and other bureaus apart', () => {
    const r = matchItems(
      [
        item('1', '4401', 0, fp(0xffff0000, 0x0)),
        item('2', '4401', 1, fp(0xffff0007, 0x0)), // 3 bits away
        item('3', '4401', 1, fp(0x0000ffff, 0xffffffff)), // far away
        item('4', '4404', 1, fp(0xffff0000, 0x0)), // same text, other bureau
      ],
      new Map(),
      new Map(),
      new Map(),
      params,
    );
    expect(r.assignments.map((a) => [a.itemId, a.ref, a.by])).toEqual([
      ['1', 'new:0', 'new'],
      ['2', 'new:0', 'simhash'],
      ['3', 'new:1', 'new'],
      ['4', 'new:2', 'new'],
    ]);
    expect(r.assignments[1].distance).toBe(3);
    expect(r.signatures.map((s) => s.ref)).toEqual(['new:0', 'new:0', 'new:1', 'new:2']); // item 2 widened new:0
  });

  it('joins a known incident through a database candidate, by link first, and only within the window', () => {
    const known = new Map<string, KnownIncident>([
      ['42', { id: '42', bureauKey: '4401', lastSeenAt: new Date(t0), signatureCount: 1 }],
    ]);
    const cands = new Map([
      ['a', [{ incidentId: '42', simhash: { hi: 1, lo: 0 } }]],
      ['b', [{ incidentId: '42', simhash: { hi: 1, lo: 0 } }]],
    ]);
    const links = new Map([['4401|example.cn/x', ['42']]]);
    const r = matchItems(
      [
        item('a', '4401', 10, fp(1, 1)),
        item('l', '4401', 11, fp(0xffffffff, 0xffffffff, 'example.cn/x')),
        item('b', '4401', 10 + 72 + 12, fp(1, 0)), // 73 h after the incident's last item (11 h)
      ],
      known,
      cands,
      links,
      params,
    );
    expect(r.assignments.map((a) => [a.itemId, a.ref, a.by])).toEqual([
      ['a', '42', 'simhash'],
      ['l', '42', 'link'],
      ['b', 'new:0', 'new'],
    ]);
  });

  it('trusts short texts only within 2 bits', () => {
    const r = matchItems(
      [item('1', '', 0, fp(0, 0, null, 5)), item('2', '', 0, fp(0x7, 0, null, 5))],
      new Map(),
      new Map(),
      new Map(),
      params,
    );
    expect(r.created).toHaveLength(2);
  });
});

describe('linkGroups', () => {
  it('links a new incident to another bureau’s incident of the same story, reusing its group', () => {
    const groups = linkGroups(
      [{ ref: 'new:0', bureauKey: '4404', simhash: { hi: 5, lo: 5 }, link: null, linkGroupId: null }],
      [
        { ref: '17', bureauKey: '4401', simhash: { hi: 5, lo: 4 }, link: null, linkGroupId: '12' },
        { ref: '18', bureauKey: '4404', simhash: { hi: 5, lo: 5 }, link: null, linkGroupId: null }, // same bureau: not a link
        { ref: '19', bureauKey: '4402', simhash: { hi: 0xffff, lo: 5 }, link: null, linkGroupId: null }, // too far
      ],
      3,
    );
    expect(groups).toEqual(
      new Map([
        ['new:0', '12'],
        ['17', '12'],
      ]),
    );
    expect(
      linkGroups(
        [{ ref: 'new:0', bureauKey: 'a', simhash: null, link: 'x', linkGroupId: null }],
        [{ ref: '9', bureauKey: 'b', simhash: null, link: 'x', linkGroupId: null }],
        3,
      ),
    ).toEqual(
      new Map([
        ['new:0', '9'],
        ['9', '9'],
      ]),
    );
  });
});
