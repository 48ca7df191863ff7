import { buildBureauCatalog, HQ_CODE, placeStem, SEPARATELY_PLANNED_CITIES } from './bureau-catalog';
import { withPaths } from './bureau.seeder';

describe('bureau catalogue invariants', () => {
  const catalog = buildBureauCatalog();
  const byCode = new Map(catalog.map((b) => [b.code, b]));

  it('has unique codes and unique official names', () => {
    expect(byCode.size).toBe(catalog.length);
    expect(new Set(catalog.map((b) => b.name)).size).toBe(catalog.length);
  });

  it("lists every non-HQ bureau's parent before the bureau itself", () => {
    const seen = new Set<string>();
    for (const b of catalog) {
      if (b.code === HQ_CODE) expect(b.parentCode).toBeNull();
      else expect(seen.has(b.parentCode!)).toBe(true);
      seen.add(b.code);
    }
  });

  it('never repeats the short name or an alias among the aliases', () => {
    for (const b of catalog) {
      expect(b.aliases).not.toContain(b.shortName);
      expect(b.aliases).not.toContain(b.name);
      expect(new Set(b.aliases).size).toBe(b.aliases.length);
    }
  });

  it('levels follow the tree: HQ → 36 provincial-level (5 计划单列市 under HQ) → prefecture → county', () => {
    const levels = catalog.map((b) => b.level);
    expect(levels.filter((l) => l === 'national')).toHaveLength(1);
    const provincial = catalog.filter((b) => b.level === 'provincial');
    expect(provincial).toHaveLength(36);
    expect(provincial.every((b) => b.parentCode === HQ_CODE)).toBe(true);
    expect(
      provincial
        .filter((b) => b.separatelyPlanned)
        .map((b) => b.code)
        .sort(),
    ).toEqual([...SEPARATELY_PLANNED_CITIES].sort());
    for (const b of catalog.filter((x) => x.level === 'prefecture')) {
      expect(byCode.get(b.parentCode!)!.level).toBe('provincial');
      expect(b.code).toMatch(/^\d{4}$/);
    }
    for (const b of catalog.filter((x) => x.level === 'county')) {
      expect(['provincial', 'prefecture']).toContain(byCode.get(b.parentCode!)!.level);
      expect(b.code).toMatch(/^\d{6}$/);
      expect(b.regionCode).toBe(b.code);
    }
  });

  it('codes start with their parent code (GB/T 2260 nesting), except directly under HQ', () => {
    for (const b of catalog) {
      if (!b.parentCode || b.parentCode === HQ_CODE) continue;
      expect(b.code.startsWith(b.parentCode)).toBe(true);
    }
  });

  it('uses the official name forms used in practice', () => {
    expect(byCode.get('4403')).toMatchObject({
      name: '国家税务总局深圳市税务局',
      shortName: '深圳市税务局',
      parentCode: '00',
    });
    expect(byCode.get('440305')!.name).toBe('国家税务总局深圳市南山区税务局');
    expect(byCode.get('44')!.aliases).toEqual(expect.arrayContaining(['广东税务局', '广东税务']));
    expect(placeStem('广西壮族自治区')).toBe('广西');
    expect(placeStem('延边朝鲜族自治州')).toBe('延边');
    // some Xinjiang names carry the group without 族
    expect(placeStem('伊犁哈萨克自治州')).toBe('伊犁');
    expect(placeStem('博尔塔拉蒙古自治州')).toBe('博尔塔拉');
    expect(placeStem('内蒙古自治区')).toBe('内蒙古');
  });

  it('materialised paths nest and depths match the path', () => {
    const paths = withPaths(catalog);
    const pathOf = new Map(paths.map((b) => [b.code, b.path]));
    for (const b of paths) {
      expect(b.path.endsWith(`${b.code}.`)).toBe(true);
      if (b.parentCode) expect(b.path).toBe(`${pathOf.get(b.parentCode)}${b.code}.`);
      expect(b.depth).toBe(b.path.split('.').length - 2);
    }
    expect(pathOf.get('440305')).toBe('00.4403.440305.');
  });
});
