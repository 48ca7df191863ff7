import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from '../../infrastructure/spreadsheet/formula-guard';
import { BulletinTable, formatCell } from './bulletin-cells';

/**
 * One table as CSV for Excel and WPS on Chinese Windows: UTF-8 with a BOM (without it Excel guesses GBK and shows
 * mojibake), CRLF line ends, "—" for figures without a denominator, the same rounding as the page. Text that a
 * spreadsheet would run as a formula (an explanation typed by bureau staff) is quoted.
 */
export function bulletinCsv(t: BulletinTable): Buffer {
  const body = stringify(
    [
      t.columns.map((c) => c.header),
      ...t.rows.map((r) => r.map((v, i) => neutraliseFormula(formatCell(v, t.columns[i].format)))),
    ],
    {
      record_delimiter: '\r\n',
    },
  );
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}
