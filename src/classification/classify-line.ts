import type {
  AuthorityTier,
  ClassificationResult,
  ClassifyInput,
  SourceContext,
} from './classification.types';

const TIERS: AuthorityTier[] = ['central', 'provincial', 'local', 'social', 'forum'];

export type ParsedLine = { input: ClassifyInput } | { line: number; id?: string; error: string };

/**
 * One `classify` input line: {"id","title","text","source"?,"url"?,"publishedAt"?}. `source` is a source name, or an
 * object {name?, bureauCode?, regionCode?, authorityTier? (or tier)} that gives the attribution fallback and the grade's
 * tier.
 * A bad line yields an error object for that line; the command carries on with the next.
 */
export function classifyLine(raw: string, line: number): ParsedLine {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch (e) {
    return { line, error: `invalid JSON: ${(e as Error).message}` };
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return { line, error: 'expected a JSON object' };
  const o = v as Record<string, unknown>;
  const id = typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : undefined;
  const fail = (error: string): ParsedLine => (id === undefined ? { line, error } : { line, id, error });
  if (id === undefined || id === '') return fail('"id" (string or number) is required');
  for (const k of ['title', 'text', 'url', 'publishedAt'] as const) {
    if (o[k] !== undefined && o[k] !== null && typeof o[k] !== 'string')
      return fail(`"${k}" must be a string`);
  }
  if (typeof o.title !== 'string' && typeof o.text !== 'string') return fail('"title" or "text" is required');
  let source: SourceContext | null = null;
  if (typeof o.source === 'string') source = { name: o.source };
  else if (o.source && typeof o.source === 'object' && !Array.isArray(o.source)) {
    const s = o.source as Record<string, unknown>;
    for (const k of ['name', 'bureauCode', 'regionCode', 'authorityTier', 'tier']) {
      if (s[k] !== undefined && s[k] !== null && typeof s[k] !== 'string')
        return fail(`"source.${k}" must be a string`);
    }
    const tier = (s.authorityTier ?? s.tier) as AuthorityTier | undefined; // `tier` as in the sources table's authority_tier
    if (tier && !TIERS.includes(tier))
      return fail(`"source.authorityTier" must be one of ${TIERS.join(', ')}`);
    source = {};
    if (s.name) source.name = s.name as string;
    if (s.bureauCode) source.bureauCode = s.bureauCode as string;
    if (s.regionCode) source.regionCode = s.regionCode as string;
    if (tier) source.authorityTier = tier;
  } else if (o.source !== undefined && o.source !== null)
    return fail('"source" must be a string or an object');
  return {
    input: {
      id,
      title: (o.title as string) ?? '',
      text: (o.text as string) ?? '',
      url: (o.url as string) ?? null,
      source,
    },
  };
}

/** The output line, keys always in this order (issue 4's format plus secondaryCategories, modelVersion and toneModel). */
export function resultLine(r: ClassificationResult): string {
  return JSON.stringify({
    id: r.id,
    relevant: r.relevant,
    negative: r.negative,
    toneScore: r.toneScore,
    againstAuthority: r.againstAuthority,
    alert: r.alert,
    bureau: r.bureau ? { code: r.bureau.code, name: r.bureau.name } : null,
    region: r.region ? { code: r.region.code, name: r.region.name, level: r.region.level } : null,
    category: r.category,
    secondaryCategories: r.secondaryCategories,
    gradeHint: r.gradeHint,
    reasons: r.reasons.map((x) => ({ rule: x.rule, term: x.term, start: x.start, end: x.end })),
    modelVersion: r.modelVersion,
    toneModel: r.toneModel,
  });
}
