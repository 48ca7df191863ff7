import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseLexiconFile } from './lexicon.parser';
import { LexiconEntry, LexiconError, TermInfo } from './lexicon.types';

export interface LoadedLexicon {
  terms: Map<string, TermInfo>;
  /** Files read, in merge order. */
  files: string[];
  /** .txt files whose name is not a known lexicon kind (README notes, licence texts …). */
  skipped: string[];
}

/** The repository root (where package.json is), found from this file so the CLI works from any directory. */
export function projectRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

/**
 * Reads the lexicon directories in order (see ClassificationConfig.lexiconDirs: a deployment's extra directories
 * first, then the project's general and domain lexicons, so the project's tuned weights win on conflicts).
 */
export function loadLexicon(dirs: string[]): LoadedLexicon {
  const terms = new Map<string, TermInfo>();
  const files: string[] = [];
  const skipped: string[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    if (!statSync(dir).isDirectory()) throw new LexiconError(`${dir} is not a directory`);
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.txt')) continue;
      const path = join(dir, name);
      const entries = parseLexiconFile(path, readFileSync(path, 'utf8'));
      if (!entries) {
        skipped.push(path);
        continue;
      }
      files.push(path);
      for (const e of entries) mergeEntry(terms, e);
    }
  }
  markLeadingDegrees(terms);
  return { terms, files, skipped };
}

/** 很满意 is 很 + 满意: negating it (不是很满意) must soften, as for the separate words. */
export function markLeadingDegrees(terms: Map<string, TermInfo>): void {
  for (const t of terms.values()) {
    if (!t.sentiment) continue;
    for (let n = Math.min(3, t.term.length - 1); n >= 1; n--) {
      const d = terms.get(t.term.slice(0, n));
      if (d?.degree) {
        t.leadingDegree = d.degree;
        break;
      }
    }
  }
}

export function emptyTermInfo(term: string): TermInfo {
  return {
    term,
    sentiment: 0,
    degree: 0,
    leadingDegree: 0,
    negation: false,
    contrast: null,
    emoticon: 0,
    irony: 0,
    ironyPraise: false,
    rhetorical: 0,
    denial: 0,
    enforcement: null,
    groups: [],
    categories: [],
    grades: [],
    bureaus: [],
    places: [],
    stemOf: [],
    flags: 0,
  };
}

/** Later entries win for single-valued kinds; list kinds accumulate (same key: later weight wins). */
export function mergeEntry(terms: Map<string, TermInfo>, e: LexiconEntry): void {
  let t = terms.get(e.term);
  if (!t) terms.set(e.term, (t = emptyTermInfo(e.term)));
  switch (e.kind) {
    case 'sentiment':
      t.sentiment = e.weight;
      break;
    case 'degree':
      t.degree = e.multiplier;
      break;
    case 'negation':
      t.negation = true;
      break;
    case 'contrast':
      t.contrast = e.role;
      break;
    case 'emoticon':
      t.emoticon = e.weight;
      break;
    case 'irony':
      t.irony = e.weight;
      t.ironyPraise = e.praise;
      break;
    case 'rhetorical':
      t.rhetorical = e.weight;
      break;
    case 'denial':
      t.denial = e.weight;
      break;
    case 'enforcement':
      t.enforcement = e.role;
      break;
    case 'domain':
      t.groups = [...t.groups.filter((g) => g.group !== e.group), { group: e.group, weight: e.weight }];
      break;
    case 'category':
      t.categories = [
        ...t.categories.filter((c) => c.category !== e.category),
        { category: e.category, weight: e.weight },
      ];
      break;
    case 'grade':
      t.grades = [...t.grades.filter((g) => g.signal !== e.signal), { grade: e.grade, signal: e.signal }];
      break;
  }
}
