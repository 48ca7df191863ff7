import { CATEGORIES, Category, Grade, GRADES } from '../classification.types';
import { ContrastRole, DOMAIN_GROUPS, DomainGroup, LexiconEntry, LexiconError } from './lexicon.types';

/**
 * Parses one lexicon file (formats in contracts.md and config/lexicon/domain/README.md): UTF-8, one entry per line,
 * fields separated by TAB, `#` at the start of a line or after whitespace starts a comment. The file's base name
 * decides its kind; `null` means "not a lexicon file" (the loader reports and skips it).
 */
export function parseLexiconFile(fileName: string, content: string): LexiconEntry[] | null {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.txt$/, '');
  const parseLine = lineParser(base);
  if (!parseLine) return null;
  const out: LexiconEntry[] = [];
  const lines = content.replace(/^\uFEFF/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = stripComment(lines[i].replace(/\r$/, ''));
    if (!line.trim()) continue;
    const fields = line.split('\t').map((f) => f.trim());
    const term = fields[0];
    if (!term) throw new LexiconError(`${fileName}:${i + 1}: empty term`);
    try {
      out.push(parseLine(term, fields.slice(1)));
    } catch (e) {
      throw new LexiconError(`${fileName}:${i + 1}: ${(e as Error).message} in "${lines[i].trim()}"`);
    }
  }
  return out;
}

function stripComment(line: string): string {
  const m = line.match(/(^|\s)#/);
  return m ? line.slice(0, m.index) : line;
}

type LineParser = (term: string, rest: string[]) => LexiconEntry;

function lineParser(base: string): LineParser | null {
  switch (base) {
    case 'negative':
    case 'positive': {
      const sign = base === 'negative' ? -1 : 1;
      // A bare word list (common for licensed lexicons converted by a deployment) counts as weight 1.
      return (term, rest) => ({ kind: 'sentiment', term, weight: sign * num(rest[0] ?? '1', 0.1, 5) });
    }
    case 'degree':
      return (term, rest) => ({
        kind: 'degree',
        term,
        multiplier: num(need(rest[0], 'multiplier'), 0.05, 5),
      });
    case 'negation':
      return (term) => ({ kind: 'negation', term });
    case 'contrast':
      return (term, rest) => ({
        kind: 'contrast',
        term,
        role: oneOf(need(rest[0], 'before|after'), ['before', 'after']) as ContrastRole,
      });
    case 'emoticons': {
      return (term, rest) => {
        const weight = num(need(rest[0], 'weight'), -5, 5);
        if (weight === 0) throw new Error('weight must not be 0');
        return { kind: 'emoticon', term, weight };
      };
    }
    case 'irony':
      // An optional `praise` field: sincere praise unless the item complains or sneers (LexiconEntry's ironyPraise).
      return (term, rest) => ({
        kind: 'irony',
        term,
        weight: strength(rest[0]),
        praise: !!rest[1] && oneOf(rest[1], ['praise']) === 'praise',
      });
    case 'rhetorical':
    case 'denial':
      return (term, rest) => ({ kind: base, term, weight: strength(rest[0]) });
    case 'enforcement':
      return (term, rest) => ({
        kind: 'enforcement',
        term,
        role: oneOf(need(rest[0], 'verb|object'), ['verb', 'object']) as 'verb',
      });
    case 'category':
      return (term, rest) => ({
        kind: 'category',
        term,
        category: oneOf(need(rest[0], 'category'), CATEGORIES) as Category,
        weight: num(rest[1] ?? '1', 0.1, 5),
      });
    case 'grade':
      return (term, rest) => ({
        kind: 'grade',
        term,
        grade: oneOf(need(rest[0], 'grade'), GRADES) as Grade,
        signal: need(rest[1], 'signal'),
      });
    default:
      if ((DOMAIN_GROUPS as readonly string[]).includes(base)) {
        return (term, rest) => ({
          kind: 'domain',
          term,
          group: base as DomainGroup,
          weight: num(rest[0] ?? '1', 0.1, 5),
        });
      }
      return null;
  }
}

/** A marker's strength: the absolute weight given, 1 when none. */
const strength = (v: string | undefined): number => Math.abs(num(v ?? '1', -5, 5)) || 1;

function need(v: string | undefined, what: string): string {
  if (v === undefined || v === '') throw new Error(`missing ${what}`);
  return v;
}

function num(v: string, min: number, max: number): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new Error(`"${v}" is not a number in [${min}, ${max}]`);
  return n;
}

function oneOf(v: string, allowed: readonly string[]): string {
  if (!allowed.includes(v)) throw new Error(`"${v}" is not one of ${allowed.join(', ')}`);
  return v;
}
