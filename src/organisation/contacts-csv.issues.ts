/**
 * The issues one contacts file may report. A hostile or broken file can produce millions of them (one per cell of a
 * 300,000-column header, several per row of a 5 MB file): kept whole, the 400 answer alone was 38 MB and took seconds
 * to build. Whoever fixes a file works from the first few problems, so only the first MAX_REPORTED_ISSUES are kept
 * and the rest are counted in one closing issue ("…及另外 N 处").
 */
import type { CsvIssue } from './contacts-csv';

export const MAX_REPORTED_ISSUES = 50;

/** A cell as quoted in a message: enough to find it, never the whole of a megabyte-long cell. */
export function clip(value: string, max = 40): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/** Collects issues up to the cap; past it, only counts them (constant memory per extra issue). */
export class IssueList {
  private readonly kept: CsvIssue[] = [];
  private omitted = 0;
  private firstOmittedLine = 0;

  constructor(private readonly max = MAX_REPORTED_ISSUES) {}

  push(...issues: CsvIssue[]): void {
    for (const i of issues) {
      if (this.kept.length < this.max) this.kept.push(i);
      else if (this.omitted++ === 0) this.firstOmittedLine = i.line;
    }
  }

  get length(): number {
    return this.kept.length + this.omitted;
  }

  /** The kept issues, then (if any were dropped) one issue that says how many more there are. */
  list(): CsvIssue[] {
    if (!this.omitted) return this.kept;
    return [
      ...this.kept,
      {
        line: this.firstOmittedLine,
        column: null,
        code: 'truncated',
        omitted: this.omitted,
        message: `…及另外 ${this.omitted} 处错误（自第 ${this.firstOmittedLine} 行起，未逐一列出）`,
      },
    ];
  }
}
