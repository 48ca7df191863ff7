import iconv from 'iconv-lite';
import { MAX_HEADER_CELLS, MAX_REPORTED_ISSUES } from '../../../src/organisation/contacts-csv';
import { json } from '../../support/http';
import { createTestApp, TestApp } from '../../support/app';

const HEADER = 'bureau_code,role,name,title,email,phone';
const savedLogLevel = process.env.LOG_LEVEL;
process.env.LOG_LEVEL = 'silent';

/**
 * Hostile and broken contact files (outside trial): the 400 answer stays small whatever the file holds, and bytes
 * that do not decode are refused with their line and byte instead of being stored as U+FFFD or mojibake.
 */
describe('contacts CSV: hostile and undecodable files (real PostgreSQL, real HTTP)', () => {
  let t: TestApp;
  let admin: string;
  const post = (csv: string | Buffer) =>
    fetch(`${t.url}/api/organisation/contacts.csv`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'text/csv' },
      body: csv,
    });
  const contactsNamed = async (name: string) =>
    (await t.ds.query(`SELECT name FROM bureau_contacts WHERE name LIKE $1`, [`${name}%`])).length;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.userWithSession('hostile-admin', 'admin', '00');
  });
  afterAll(async () => {
    await t.close();
    if (savedLogLevel === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = savedLogLevel;
  });

  it('refuses a header of 300,000 unknown columns in one short issue', async () => {
    const csv = `${HEADER},${Array.from({ length: 300_000 }, (_, i) => `x${i}`).join(',')}\n`;
    const res = await post(csv);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text.length).toBeLessThan(2_000);
    const body = JSON.parse(text);
    expect(body.code).toBe('ORG_CSV_INVALID');
    expect(body.details).toEqual([
      expect.objectContaining({
        line: 1,
        code: 'header',
        message: expect.stringContaining(`${MAX_HEADER_CELLS}`),
      }),
    ]);
  });

  it('refuses 500,000 duplicate name columns the same way (the bound counts cells, known or not)', async () => {
    const res = await post(`${HEADER},${Array(500_000).fill('name').join(',')}\n`);
    expect(res.status).toBe(400);
    expect((await json(res)).details).toHaveLength(1);
  });

  it('accepts a header up to the bound (trailing empty cells, as Excel leaves them)', async () => {
    const header = `${HEADER}${','.repeat(MAX_HEADER_CELLS - HEADER.split(',').length)}`;
    const res = await post(`${header}\n44,head,宽表头,局长,wide@gd.example.cn,\n`);
    expect(res.status).toBe(200);
    expect(await contactsNamed('宽表头')).toBe(1);
  });

  it('names the first issues of a header within the bound and counts the rest', async () => {
    const unknown = Array.from({ length: MAX_HEADER_CELLS - 10 }, (_, i) => `col${i}`);
    const res = await post(`bureau_code,name,${unknown.join(',')}\n`);
    expect(res.status).toBe(400);
    const { details } = await json(res);
    expect(details).toHaveLength(MAX_REPORTED_ISSUES + 1);
    // the missing columns come first: they are what the file needs
    expect(details[0].message).toContain('role');
    expect(details.at(-1)).toMatchObject({
      code: 'truncated',
      message: expect.stringMatching(/^…及另外 \d+ 处/),
    });
  });

  it('caps the row issues of a file of 100,000 bad rows', async () => {
    const res = await post(`${HEADER}\n${'9999,boss,,,,\n'.repeat(100_000)}`);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text.length).toBeLessThan(20_000);
    const { details, message } = JSON.parse(text);
    expect(details).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(details.at(-1).code).toBe('truncated');
    // the headline counts every issue, not the ones listed
    const total = Number(/联系人文件有 (\d+) 处错误/.exec(message)?.[1]);
    expect(total).toBe(MAX_REPORTED_ISSUES + details.at(-1).omitted);
    expect(total).toBeGreaterThanOrEqual(100_000);
  });

  it('refuses bytes that are not UTF-8, naming the line and byte, and stores nothing', async () => {
    const good = Buffer.from(`${HEADER}\n44,head,坏字节甲,局长,bad1@gd.example.cn,\n`);
    const res = await post(
      Buffer.concat([
        good,
        Buffer.from('44,office,坏字节乙'),
        Buffer.from([0xff]),
        Buffer.from(',,o@x.cn,\n'),
      ]),
    );
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.details).toEqual([
      expect.objectContaining({ line: 3, code: 'encoding', message: expect.stringContaining('0xFF') }),
    ]);
    expect(body.details[0].message).toContain(`第 3 行`);
    expect(body.details[0].message).toContain(
      `第 ${good.length + Buffer.byteLength('44,office,坏字节乙') + 1} 字节`,
    );
    expect(await contactsNamed('坏字节')).toBe(0);
  });

  it('refuses a bad byte after a UTF-8 BOM and a lone surrogate in UTF-16', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const utf8 = await post(
      Buffer.concat([bom, Buffer.from(`${HEADER}\n44,head,张`), Buffer.from([0xc3, 0x28])]),
    );
    expect(utf8.status).toBe(400);
    expect((await json(utf8)).details[0]).toMatchObject({ line: 2, code: 'encoding' });

    const le = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`${HEADER}\n44,head,`, 'utf16le'),
      Buffer.from([0x00, 0xd8]), // a high surrogate with no low one after it
      Buffer.from(',局长,s@gd.example.cn,\n', 'utf16le'),
    ]);
    const utf16 = await post(le);
    expect(utf16.status).toBe(400);
    expect((await json(utf16)).details[0]).toMatchObject({ line: 2, code: 'encoding' });
  });

  it('still reads GB18030, and refuses a byte that is neither UTF-8 nor GB18030', async () => {
    const gb = iconv.encode(`${HEADER}\n44,主要负责人,国标甲,局长,gb1@gd.example.cn,\n`, 'gb18030');
    expect((await post(gb)).status).toBe(200);
    expect(await contactsNamed('国标甲')).toBe(1);

    const broken = Buffer.concat([
      gb,
      Buffer.from('44,office,'),
      iconv.encode('国标乙', 'gb18030'),
      Buffer.from([0xff]),
    ]);
    const res = await post(broken);
    expect(res.status).toBe(400);
    expect((await json(res)).details[0]).toMatchObject({
      line: 3,
      code: 'encoding',
      message: expect.stringContaining('0xFF'),
    });
    expect(await contactsNamed('国标乙')).toBe(0);
  });

  it('refuses a UTF-8 file with one stray byte instead of reading it as GB18030 mojibake', async () => {
    const csv = Buffer.concat([
      Buffer.from(`${HEADER}\n44,head,乱码甲,局长,m@gd.example.cn,\n44,office,`),
      Buffer.from([0xb0]),
    ]);
    const res = await post(Buffer.concat([csv, Buffer.from('x,,o@gd.example.cn,\n')]));
    expect(res.status).toBe(400);
    expect((await json(res)).details[0]).toMatchObject({ line: 3, code: 'encoding' });
  });
});
