import iconv from 'iconv-lite';
import {
  BureauRef,
  ContactCsvRow,
  decodeCsv,
  formatContactsCsv,
  parseContactsCsv,
  parseRole,
  validateContactRows,
} from './contacts-csv';

const HEADER = 'bureau_code,role,name,title,email,phone';

const BUREAUS: BureauRef[] = [
  { code: '00', name: '国家税务总局', shortName: '税务总局', aliases: ['国税总局'], path: '00.' },
  {
    code: '44',
    name: '国家税务总局广东省税务局',
    shortName: '广东省税务局',
    aliases: ['广东税务局'],
    path: '00.44.',
  },
  {
    code: '4401',
    name: '国家税务总局广州市税务局',
    shortName: '广州市税务局',
    aliases: ['广州税务'],
    path: '00.44.4401.',
  },
  {
    code: '4403',
    name: '国家税务总局深圳市税务局',
    shortName: '深圳市税务局',
    aliases: ['深圳税务'],
    path: '00.4403.',
  },
  {
    code: '440305',
    name: '国家税务总局深圳市南山区税务局',
    shortName: '南山区税务局',
    aliases: ['深圳市南山区税务局', '南山税务'],
    path: '00.4403.440305.',
  },
  {
    code: '230404',
    name: '国家税务总局鹤岗市南山区税务局',
    shortName: '南山区税务局',
    aliases: ['鹤岗市南山区税务局', '南山税务'],
    path: '00.23.2304.230404.',
  },
];

function rows(csv: string): ContactCsvRow[] {
  const r = parseContactsCsv(csv);
  expect(r.issues).toEqual([]);
  return r.rows;
}

describe('contacts CSV: decoding and parsing', () => {
  it('strips a UTF-8 BOM from bytes and strings', () => {
    const text = `${HEADER}\n44,head,张三,局长,zs@gd.example.cn,\n`;
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(decodeCsv(bytes)).toBe(text);
    expect(decodeCsv(`\uFEFF${text}`)).toBe(text);
    expect(parseContactsCsv(bytes).rows[0]).toMatchObject({ bureauCode: '44', name: '张三' });
  });

  it('reads GB18030 (Excel "CSV" on a Chinese Windows) and UTF-16 with BOM', () => {
    const text = `${HEADER}\n44,主要负责人,张三,局长,zs@gd.example.cn,\n`;
    expect(decodeCsv(iconv.encode(text, 'gb18030'))).toBe(text);
    expect(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(text);
  });

  it('requires a header row and names unknown, duplicate and missing columns', () => {
    expect(parseContactsCsv('').issues).toEqual([expect.objectContaining({ line: 1, code: 'header' })]);
    const noHeader = parseContactsCsv('44,head,张三,局长,zs@gd.example.cn,\n');
    expect(noHeader.rows).toEqual([]);
    expect(noHeader.issues.length).toBeGreaterThan(0);
    expect(noHeader.issues.every((i) => i.line === 1 && i.code === 'header')).toBe(true);
    const bad = parseContactsCsv('bureau_code,role,name,name,mobile\n');
    expect(bad.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('mobile'),
        expect.stringContaining('name 重复'),
        expect.stringContaining('email'),
      ]),
    );
  });

  it('accepts Chinese headers, any column order, tabs, CRLF and a bureau_name column', () => {
    const r = rows('邮箱\t姓名\t角色\t单位名称\r\nzs@gd.example.cn\t张三\t主要负责人\t广东省税务局\r\n');
    expect(r).toEqual([
      {
        line: 2,
        bureauCode: '',
        bureauName: '广东省税务局',
        role: '主要负责人',
        name: '张三',
        title: '',
        email: 'zs@gd.example.cn',
        phone: '',
      },
    ]);
  });

  it('reports the line where each row starts, across blank lines and quoted line breaks', () => {
    const r = rows(`${HEADER}\n\n44,head,"张\n三",,a@b.cn,\n,,,,,\n4401,office,办公室,,c@d.cn,"020-1"\n`);
    expect(r.map((x) => [x.line, x.bureauCode])).toEqual([
      [3, '44'],
      [6, '4401'],
    ]);
    expect(r[0].name).toBe('张\n三');
  });

  it('reports rows with more cells than the header, and unclosed quotes with their line', () => {
    const extra = parseContactsCsv(`${HEADER}\n44,head,张三,,a@b.cn,,surplus\n44,office,办公室,,o@b.cn,,\n`);
    expect(extra.issues).toEqual([expect.objectContaining({ line: 2, code: 'column_count' })]);
    expect(extra.rows.map((x) => x.line)).toEqual([3]); // an empty trailing cell is harmless
    const unclosed = parseContactsCsv(`${HEADER}\n44,head,张三,,a@b.cn,\n44,office,"办公室,,o@b.cn,\n`);
    expect(unclosed.issues).toEqual([expect.objectContaining({ code: 'syntax' })]);
  });
});

describe('contacts CSV: roles', () => {
  it('accepts English role names in any case and the Chinese labels', () => {
    expect(parseRole('HEAD')).toBe('head');
    expect(parseRole('分管领导')).toBe('deputy');
    expect(parseRole('舆情联络员')).toBe('liaison');
    expect(parseRole('办公室')).toBe('office');
    expect(parseRole('boss')).toBeNull();
  });
});

describe('contacts CSV: row validation', () => {
  it('resolves bureaus by code or by exact name/short name/alias and normalises the row', () => {
    const r = validateContactRows(
      rows(
        'bureau_code,bureau_name,role,name,title,email,phone\n' +
          '44,,主要负责人,张三,局长,zs@gd.example.cn,020-1\n' +
          ',广州税务,liaison,李四,,ls@gz.example.cn,\n' +
          '440305,南山区税务局,office,办公室,,ns@sz.example.cn,\n', // ambiguous name, but the code settles it
      ),
      BUREAUS,
      '00.',
    );
    expect(r.issues).toEqual([]);
    expect(r.contacts).toEqual([
      {
        line: 2,
        bureauCode: '44',
        role: 'head',
        name: '张三',
        title: '局长',
        email: 'zs@gd.example.cn',
        phone: '020-1',
      },
      {
        line: 3,
        bureauCode: '4401',
        role: 'liaison',
        name: '李四',
        title: null,
        email: 'ls@gz.example.cn',
        phone: null,
      },
      {
        line: 4,
        bureauCode: '440305',
        role: 'office',
        name: '办公室',
        title: null,
        email: 'ns@sz.example.cn',
        phone: null,
      },
    ]);
  });

  it('reports every bad row with line, column and reason', () => {
    const csv =
      'bureau_code,bureau_name,role,name,title,email,phone\n' +
      '4499,,head,甲,,a@x.cn,\n' + // 2 unknown code
      ',南山区税务局,head,乙,,b@x.cn,\n' + // 3 ambiguous name
      ',不存在税务局,head,丙,,c@x.cn,\n' + // 4 unknown name
      '44,深圳市税务局,head,丁,,d@x.cn,\n' + // 5 name of another bureau
      '4401,,boss,戊,,e@x.cn,\n' + // 6 unknown role
      '4401,,head,,,f@x.cn,\n' + // 7 missing name
      '4401,,head,己,,not-an-email,\n' + // 8 bad email
      '4401,,head,庚,,,\n' + // 9 missing email
      '4403,,head,辛,,g@x.cn,\n' + // 10 outside Guangdong
      '4401,,deputy,壬,,h@x.cn,\n' + // 11 fine
      '4401,,deputy,壬,,H@x.cn,\n' + // 12 duplicate of 11 (case-insensitive email)
      ',,head,癸,,i@x.cn,\n' + // 13 no bureau
      '4401,,,子,,j@x.cn,\n' + // 14 no role
      '4401,,office,=HYPERLINK("x"),,k@x.cn,\n'; // 15 formula
    const r = validateContactRows(rows(csv), BUREAUS, '00.44.');
    const got = r.issues.map((i) => [i.line, i.column, i.code]);
    expect(got).toEqual([
      [2, 'bureau_code', 'unknown_bureau'],
      [3, 'bureau_name', 'ambiguous_bureau'],
      [4, 'bureau_name', 'unknown_bureau'],
      [5, 'bureau_name', 'bureau_mismatch'],
      [6, 'role', 'unknown_role'],
      [7, 'name', 'missing_name'],
      [8, 'email', 'bad_email'],
      [9, 'email', 'missing_email'],
      [10, 'bureau_code', 'out_of_scope'],
      [12, null, 'duplicate_row'],
      [13, 'bureau_code', 'missing_bureau'],
      [14, 'role', 'missing_role'],
      [15, 'name', 'formula'],
    ]);
    expect(r.issues.find((i) => i.line === 3)!.message).toMatch(/230404.*440305/);
    expect(r.issues.find((i) => i.line === 12)!.message).toContain('第 11 行');
    expect(r.contacts.map((c) => c.line)).toEqual([11]);
  });

  it('rejects over-long values', () => {
    const r = validateContactRows(rows(`${HEADER}\n44,head,${'张'.repeat(101)},,a@b.cn,\n`), BUREAUS, '00.');
    expect(r.issues).toEqual([expect.objectContaining({ line: 2, column: 'name', code: 'too_long' })]);
  });
});

describe('contacts CSV: export format', () => {
  it('writes a BOM, CRLF line ends and quotes where needed, and parses back to the same rows', () => {
    const csv = formatContactsCsv([
      {
        bureauCode: '44',
        bureauName: '国家税务总局广东省税务局',
        role: 'head',
        name: '张三',
        title: '局长, 党委书记',
        email: 'zs@gd.example.cn',
        phone: null,
      },
    ]);
    expect(csv.startsWith('\uFEFFbureau_code,bureau_name,role,name,title,email,phone\r\n')).toBe(true);
    expect(csv).toContain('"局长, 党委书记"');
    const back = validateContactRows(rows(csv), BUREAUS, '00.');
    expect(back.issues).toEqual([]);
    expect(back.contacts[0]).toMatchObject({
      bureauCode: '44',
      role: 'head',
      title: '局长, 党委书记',
      phone: null,
    });
  });

  it('issue 12 point 10: cells a spreadsheet would run as formulas are written as text and re-import unchanged', () => {
    const csv = formatContactsCsv([
      {
        bureauCode: '44',
        bureauName: '国家税务总局广东省税务局',
        role: 'liaison',
        name: '=HYPERLINK("http://evil.example","点我")',
        title: '-副主任',
        email: 'ly@gd.example.cn',
        phone: '+86 20 8888 6666',
      },
    ]);
    const cells = parseContactsCsv(csv).rows[0];
    expect(csv).not.toMatch(/(^|,|")[=+\-@]/m);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    // The importer strips our quote again: the title and phone come back exactly as stored.
    expect(cells).toMatchObject({ title: '-副主任', phone: '+86 20 8888 6666' });
    const back = validateContactRows([{ ...cells, name: '李四' }], BUREAUS, '00.');
    expect(back.contacts[0]).toMatchObject({ title: '-副主任', phone: '+86 20 8888 6666' });
  });
});
