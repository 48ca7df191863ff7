/**
 * Formula injection (CSV injection): Excel and WPS run a cell that starts with =, +, -, @ (and, after their
 * whitespace trimming, tab or CR) as a formula, so a feed title or a contact name like `=HYPERLINK(…)` becomes a
 * link or a command in the reader's spreadsheet. Every CSV and XLSX writer passes its text cells through
 * neutraliseFormula(); every importer of our own exports passes cells through restoreNeutralised(), so an export
 * re-imports to exactly the values it came from (OWASP "CSV Injection": prefix with a single quote).
 */
const TRIGGER = /^'*[=+\-@\t\r]/;
/** A signed figure ("-12.5%", "+3") is a number to a spreadsheet, never a formula: left as is so it stays numeric. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?%?$/i;

/** `'` before a cell that a spreadsheet would evaluate (or that would look like one of our escapes). */
export function neutraliseFormula(value: string): string {
  return TRIGGER.test(value) && !PLAIN_NUMBER.test(value.replace(/^'+/, '')) ? `'${value}` : value;
}

/** The inverse of neutraliseFormula, for importers reading files this service exported. */
export function restoreNeutralised(value: string): string {
  return value.startsWith("'") && neutraliseFormula(value.slice(1)) === value ? value.slice(1) : value;
}
