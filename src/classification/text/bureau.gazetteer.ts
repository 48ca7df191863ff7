import { BureauRecord, buildBureauCatalog, placeStem } from '../../organisation/bureau-catalog';
import { emptyTermInfo } from '../lexicon/lexicon.loader';
import type { TermInfo } from '../lexicon/lexicon.types';

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

/**
 * Stems of county-level cities that are words, landmarks, rivers, brands or names before they are the city (合作
 * "cooperation", 同仁 "colleagues", 东方 "east", 江山, 灯塔, 龙井 tea, 乌苏 beer, 赤壁, 峨眉山 …): only these of the
 * county-level cities' unique stems stay unread alone (rules-15); their full names (合作市) still count.
 */
const AMBIGUOUS_COUNTY_CITY_STEMS = new Set(
  (
    '沙河 安国 灯塔 北镇 榆树 磐石 临江 龙井 宁安 东宁 北安 安达 海伦 海安 兴化 永康 江山 临海 玉环 龙泉 无为 天长 明光 ' +
    '界首 宁国 广德 永安 石狮 福安 乐平 庐山 井冈山 樟树 高安 德兴 海阳 新泰 荣成 乐陵 长垣 义马 灵宝 永城 大冶 宜都 ' +
    '当阳 京山 应城 安陆 石首 洪湖 赤壁 韶山 常宁 津市 阳春 普宁 东方 合山 五指山 文昌 万宁 峨眉山 康定 会理 赤水 仁怀 ' +
    '福泉 开远 弥勒 香格里拉 合作 同仁 敦煌 玉门 双河 新星 白杨 昆玉 铁门关 北屯 胡杨河 凤城 新民 开原 集安 龙口 平湖 ' +
    '海宁 桐城 长葛 武安 高平 孝义 原平 介休 深州 三河 新乐 平泉 和龙 同江 富锦 抚远 虎林 密山 铁力 海林 五常 尚志 ' +
    '图们 嫩江 东台 兴平 神木 华亭 乌苏 北票 南宫 英德 平果 宣威 四会 天门 巢湖 潜山 武夷山 福鼎 额尔古纳 五大连池 ' +
    '沅江 西昌 丹江口 根河 子长 博乐 双辽 公主岭 调兵山 大石桥 古交 化州 高州 信宜 罗定 北流 兴义 兴仁 福清 个旧'
  ).split(' '),
);

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
  // How many places a name or stem could be: a county-level city's stem names it alone only when it names nothing else.
  const names = new Map<string, number>();
  for (const b of catalog)
    if (b.level !== 'national')
      for (const n of new Set([b.placeName, placeStem(b.placeName)])) names.set(n, (names.get(n) ?? 0) + 1);
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
      // 义乌, 寿光, 敦化: a county-level city is called by its stem alone, and a unique one that is no word is read as
      // the city (rules-15); other county stems count only right after a place that contains them (福建晋江).
      const cityByStem =
        b.placeName.endsWith('市') && names.get(stem) === 1 && !AMBIGUOUS_COUNTY_CITY_STEMS.has(stem);
      add(stem, cityByStem ? 'places' : 'stemOf', b.code);
    }
    // 延边州, 恩施州, 凉山州: an autonomous prefecture's everyday name is its stem and 州 (rules-17). jieba keeps some of
    // them one word, and the stem alone is not found inside a word.
    if (b.level === 'prefecture' && b.placeName.endsWith('自治州')) add(`${stem}州`, 'places', b.code);
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
