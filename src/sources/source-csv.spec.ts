import { formatSourcesCsv, parseSourcesCsv } from './source-csv';

describe('sources CSV', () => {
  it('parses good rows with defaults and round-trips through export', () => {
    const text =
      '\uFEFFname,kind,url,bureau_code,authority_tier,min_interval,max_interval,enabled\n' +
      '南方日报,feed,https://example.com/rss,44,provincial,300,3600,true\n' +
      '"微博关键词,税务局",feed,http://rsshub.local/weibo/keyword/税务局,,social,,,\n' +
      '舆情厂商,push,,4403,social,,,false\n';
    const { rows, errors } = parseSourcesCsv(text);
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(rows[1].input).toEqual({
      name: '微博关键词,税务局',
      kind: 'feed',
      url: 'http://rsshub.local/weibo/keyword/税务局',
      bureauCode: null,
      regionCode: null,
      authorityTier: 'social',
      minIntervalSeconds: 300,
      maxIntervalSeconds: 3600,
      enabled: true,
    });
    expect(rows[2].input).toMatchObject({ kind: 'push', url: null, enabled: false, bureauCode: '4403' });
    const again = parseSourcesCsv(formatSourcesCsv(rows.map((r) => r.input)));
    expect(again.rows.map((r) => r.input)).toEqual(rows.map((r) => r.input));
  });

  it('reports every bad row with its line and field', () => {
    const text =
      'name,kind,url,authority_tier,min_interval,max_interval,enabled\n' +
      'a,feed,ftp://x/y,social,300,3600,true\n' +
      'b,feed,,social,300,3600,true\n' +
      'c,rss,https://x/y,tv,30,3600,maybe\n' +
      'd,feed,https://x/z,social,900,600,true\n' +
      'a,push,,social,,,\n' +
      'e,feed\n';
    const { errors } = parseSourcesCsv(text);
    const at = (line: number) =>
      errors
        .filter((e) => e.line === line)
        .map((e) => e.field)
        .sort();
    expect(at(2)).toEqual(['url']);
    expect(at(3)).toEqual(['url']);
    expect(at(4)).toEqual(['authority_tier', 'enabled', 'kind', 'min_interval']);
    expect(at(5)).toEqual(['max_interval']);
    expect(at(6)).toEqual(['name']);
    expect(at(7)).toEqual(['row']);
  });

  it('rejects unknown or missing columns and empty files', () => {
    expect(
      parseSourcesCsv('name,colour\nx,red\n')
        .errors.map((e) => e.message)
        .join(),
    ).toMatch(/未知的列: colour.*缺少列: authority_tier/);
    expect(parseSourcesCsv('').errors[0].message).toBe('文件为空');
    expect(parseSourcesCsv('name,authority_tier\n').errors[0].message).toBe('文件没有数据行');
    expect(parseSourcesCsv('name,authority_tier\n"unterminated,social\n').errors[0].field).toBe('csv');
  });

  it('issue 12 point 10: cells a spreadsheet would run as formulas are written as text and re-import unchanged', () => {
    const input = {
      name: '=HYPERLINK("http://evil.example","点我")',
      kind: 'push' as const,
      url: null,
      bureauCode: null,
      regionCode: null,
      authorityTier: 'social' as const,
      minIntervalSeconds: 300,
      maxIntervalSeconds: 3600,
      enabled: true,
    };
    const csv = formatSourcesCsv([input, { ...input, name: '@舆情厂商' }, { ...input, name: '-微博' }]);
    expect(csv).not.toMatch(/(^|,|")[=+\-@]/m);
    const { rows, errors } = parseSourcesCsv(csv);
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.input.name)).toEqual([input.name, '@舆情厂商', '-微博']);
  });
});
