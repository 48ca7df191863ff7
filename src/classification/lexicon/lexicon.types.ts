import type { Category, Grade } from '../classification.types';

/**
 * Domain groups (one file each in config/lexicon/domain/, `term<TAB>weight`). Weights are relevance evidence for the
 * relevance groups, complaint strength for `complaint`, and plain marker strength for the others.
 */
export const DOMAIN_GROUPS = [
  'authority', // the tax authority itself, its units and staff (税务局, 税务分局, 专管员 …)
  'service', // tax service work (办税服务厅, 预约办税, 窗口 …)
  'etax', // e-tax systems (电子税务局, 个人所得税APP, 开票系统 …)
  'policy', // tax policy and obligations (个税汇算, 留抵退税, 补税 …)
  'fees', // fees and social-insurance contributions collected by the tax authority
  'integrity', // integrity vocabulary (吃拿卡要, 受贿 …)
  'scam', // scams impersonating the tax authority
  'impersonation', // 冒充, 自称是, 冒用…名义: impersonation when a tax-authority word or bureau name follows
  'agents', // private tax agents, bookkeeping and company-registration ads: not the authority
  'foreign', // other countries' and non-mainland tax offices, jurisdictions
  'unrelated', // unrelated uses of 税 (智商税, 免税店, 含税价 …)
  'complaint', // criticism that by its nature is aimed at the authority (推诿扯皮, 不作为, 乱收费 …)
  'target', // words naming who is criticised: staff, window, hotline, leaders (attribution of negativity)
  'official', // official voice: notices, reminders, press reports of the authority's own work
  'support', // approval of enforcement against offenders (活该, 支持严查, 罚得还不够重): the negativity is at them
  'advice', // explainers, adverts and help requests (干货, 避坑指南, 私信, 请问 …): teaching, selling or asking
] as const;
export type DomainGroup = (typeof DOMAIN_GROUPS)[number];

export type ContrastRole = 'before' | 'after';
export type EnforcementRole = 'verb' | 'object';

/** Everything the lexicons say about one term, merged over all files and directories. */
export interface TermInfo {
  term: string;
  /** Signed opinion weight (negative.txt → minus, positive.txt → plus); 0 when none. */
  sentiment: number;
  /** Degree multiplier (很 1.5); 0 when not a degree adverb. */
  degree: number;
  /** For an opinion term that starts with a degree adverb (很满意), that adverb's multiplier; else 0. */
  leadingDegree: number;
  negation: boolean;
  contrast: ContrastRole | null;
  /** Signed weight of an emoticon/emoji token; 0 when none. */
  emoticon: number;
  /** Strength of an irony marker (a positive number, applied as negativity); 0 when none. */
  irony: number;
  /**
   * The irony marker is praise whose plain reading is sincere (效率真高, 服务真周到: irony.txt's `praise` field): it is
   * irony only in an item that also holds a complaint or a sneer (tone.scorer.ts).
   */
  ironyPraise: boolean;
  /** Strength of a rhetorical-question marker; 0 when none. */
  rhetorical: number;
  /** Strength of a denial marker (谁说税务局办事慢？): the criticism after it is denied; 0 when none. */
  denial: number;
  enforcement: EnforcementRole | null;
  groups: { group: DomainGroup; weight: number }[];
  categories: { category: Category; weight: number }[];
  grades: { grade: Grade; signal: string }[];
  /** Bureau codes this exact string names (names, short names, aliases). */
  bureaus: string[];
  /** Bureau codes whose place this string names (深圳市, 深圳, 朝阳区 …). */
  places: string[];
  /** County bureau codes whose bare name this is (晋江 for 晋江市): evidence only after a containing place. */
  stemOf: string[];
  /** Summary bits set by the term index (TERM_*), copied onto every match so rule loops can skip terms unread. */
  flags: number;
}

/*
 * Summary bits of a term (TermInfo.flags). The rules test these on the match instead of reading the TermInfo: loops
 * over matches then touch only the terms they use (each TermInfo read is a likely cache miss, and its number fields
 * are boxed heap numbers, a second one).
 */
/** The term has domain meaning: a group, category, grade signal, bureau, place or enforcement role. */
export const TERM_DOMAIN = 1;
/** The term names another jurisdiction or its tax office. */
export const TERM_FOREIGN = 2;
/** The term carries tone: opinion, emoticon, irony, rhetoric, denial, negation, degree or contrast. */
export const TERM_TONE = 4;
/** The term is a negation (不, 没有, 并非 …). */
export const TERM_NEGATION = 8;
/** Non-zero sentiment, degree, emoticon, irony, rhetorical or denial weight; a contrast role. */
export const TERM_SENTIMENT = 16;
export const TERM_DEGREE = 32;
export const TERM_EMOTICON = 64;
export const TERM_IRONY = 128;
export const TERM_RHETORICAL = 256;
export const TERM_DENIAL = 512;
export const TERM_CONTRAST = 1024;
/** Non-empty bureaus, places, stemOf, groups, categories or grades; an enforcement role. */
export const TERM_BUREAU = 2048;
export const TERM_PLACE = 4096;
export const TERM_STEM = 8192;
export const TERM_GROUPS = 16384;
export const TERM_CATEGORIES = 32768;
export const TERM_GRADES = 65536;
export const TERM_ENFORCEMENT = 131072;

/** One parsed lexicon line, before merging. */
export type LexiconEntry =
  | { kind: 'sentiment'; term: string; weight: number }
  | { kind: 'degree'; term: string; multiplier: number }
  | { kind: 'negation'; term: string }
  | { kind: 'contrast'; term: string; role: ContrastRole }
  | { kind: 'emoticon'; term: string; weight: number }
  | { kind: 'irony'; term: string; weight: number; praise: boolean }
  | { kind: 'rhetorical'; term: string; weight: number }
  | { kind: 'denial'; term: string; weight: number }
  | { kind: 'enforcement'; term: string; role: EnforcementRole }
  | { kind: 'domain'; term: string; group: DomainGroup; weight: number }
  | { kind: 'category'; term: string; category: Category; weight: number }
  | { kind: 'grade'; term: string; grade: Grade; signal: string };

export class LexiconError extends Error {}
