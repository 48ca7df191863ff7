import { BureauRecord, buildBureauCatalog, placeStem } from '../organisation/bureau-catalog';
import { emptyTermInfo } from './lexicon/lexicon.loader';
import type { TermInfo } from './lexicon/lexicon.types';

/**
 * City stems that are everyday words or other things before they are places (开封 "to unseal", 安康 "well-being",
 * 普洱 tea, 白银 silver, 来宾 guest, 朝阳 morning sun …); the full names (开封市) still count.
 */
const AMBIGUOUS_STEMS = new Set([
  '大同',
  '中山',
  '阿里',
  '安康',
  '普洱',
  '白银',
  '玉树',
  '红河',
  '朝阳',
  '长治',
  '山南',
  '来宾',
  '安顺',
  '开封',
  '海东',
  '海北',
  '海西',
  '黄南',
  '兴安',
  '怒江',
  '文山',
  '果洛',
  '北海',
  '天水',
  '德宏',
  '临沧',
  '保山',
  '吉安',
  '永安',
  '大理',
  '和田',
  '海南',
  '吉林',
  '金昌',
  '昌吉',
  '石嘴山',
  '中卫',
  '吴忠',
  '三沙',
  '定西',
  '乌海',
]);

/** County names that are generic words (城区 "urban area", 郊区 "suburb" …) rather than usable place evidence. */
const GENERIC_PLACES = new Set(['城区', '郊区', '矿区', '东区', '西区', '新区', '市中区']);

/** Provinces are also called by their stems (广东, 内蒙古, 新疆) — these are unambiguous enough to keep. */
export interface Gazetteer {
  bureaus: Map<string, BureauRecord>;
  /** Name strings → term info carrying `bureaus`/`places` codes, to be merged into the term index. */
  terms: TermInfo[];
  /** Code of the bureau serving a six-digit region code (440305 → 440305, 440300 → 4403, 110100 → 11). */
  bureauForRegion(regionCode: string): BureauRecord | null;
  /** The bureau and its ancestors up to HQ, by code (precomputed). */
  lineage(code: string): ReadonlySet<string>;
}

let cached: Gazetteer | null = null;

export function buildGazetteer(catalog: BureauRecord[] = buildBureauCatalog()): Gazetteer {
  if (cached && catalog.length === cached.bureaus.size) return cached;
  const bureaus = new Map(catalog.map((b) => [b.code, b]));
  const terms = new Map<string, TermInfo>();
  const add = (s: string, field: 'bureaus' | 'places' | 'stemOf', code: string) => {
    if (s.length < 2) return;
    let t = terms.get(s);
    if (!t) terms.set(s, (t = emptyTermInfo(s)));
    if (!t[field].includes(code)) t[field].push(code);
  };
  for (const b of catalog) {
    for (const n of [b.name, b.shortName, ...b.aliases]) add(n, 'bureaus', b.code);
    if (b.level === 'national') continue;
    if (!GENERIC_PLACES.has(b.placeName)) add(b.placeName, 'places', b.code);
    const stem = placeStem(b.placeName);
    if (
      stem !== b.placeName &&
      (b.level === 'provincial' || b.level === 'prefecture') &&
      !AMBIGUOUS_STEMS.has(stem)
    ) {
      add(stem, 'places', b.code);
    } else if (stem !== b.placeName && b.level === 'county') {
      add(stem, 'stemOf', b.code);
    }
  }
  // Provinces whose stem is on the ambiguous list only because of a prefecture namesake (吉林, 海南) keep it.
  for (const b of catalog) {
    if (b.level === 'provincial' && !b.separatelyPlanned) add(placeStem(b.placeName), 'places', b.code);
  }
  const lineages = new Map<string, Set<string>>();
  for (const b of catalog) {
    const set = new Set<string>();
    for (let x: BureauRecord | undefined = b; x; x = x.parentCode ? bureaus.get(x.parentCode) : undefined)
      set.add(x.code);
    lineages.set(b.code, set);
  }
  const none = new Set<string>();
  const gaz: Gazetteer = {
    bureaus,
    terms: [...terms.values()],
    lineage: (code) => lineages.get(code) ?? none,
    bureauForRegion(regionCode: string) {
      if (!/^\d{6}$/.test(regionCode)) return null;
      for (const code of [regionCode, regionCode.slice(0, 4), regionCode.slice(0, 2)]) {
        const b = bureaus.get(code.replace(/(00)+$/, '') || code);
        if (b) return b;
      }
      return null;
    },
  };
  cached = gaz;
  return gaz;
}
