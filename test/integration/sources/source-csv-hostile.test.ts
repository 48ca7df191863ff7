import { MAX_HEADER_CELLS } from '../../../src/sources/source-csv';
import { MAX_REPORTED_ERRORS } from '../../../src/sources/sources-import.service';
import { json } from '../../support/http';
import { createTestApp, TestApp } from '../../support/app';

const HEADER = 'name,kind,url,bureau_code,authority_tier,min_interval,max_interval,enabled';

/** Outside trial: a header of 300,000 unknown columns made a 5 MB error message. The answer stays small. */
describe('sources CSV: hostile files get a short 400 (real PostgreSQL, real HTTP)', () => {
  let t: TestApp;
  let admin: string;
  const post = (body: string | Buffer) =>
    fetch(`${t.url}/api/sources.csv`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'text/csv' },
      body,
    });
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.userWithSession('hostile-src-admin', 'admin', '00');
  });
  afterAll(() => t.close());

  it('refuses a header of 300,000 unknown columns in one short error', async () => {
    const res = await post(`${HEADER},${Array.from({ length: 300_000 }, (_, i) => `x${i}`).join(',')}\n`);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text.length).toBeLessThan(2_000);
    const body = JSON.parse(text);
    expect(body.code).toBe('SOURCE_CSV_INVALID');
    expect(body.details.errors).toEqual([
      { line: 1, field: 'header', message: expect.stringContaining(`${MAX_HEADER_CELLS}`) },
    ]);
  });

  it('names at most 20 unknown columns of a header within the bound', async () => {
    const res = await post(`${HEADER},${Array.from({ length: 200 }, (_, i) => `x${i}`).join(',')}\n`);
    expect(res.status).toBe(400);
    const { message } = await json(res);
    expect(message).toContain('x19 …及另外 180 列');
    expect(message).not.toContain('x20');
  });

  it('lists the first errors of 50,000 bad rows and counts them all', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `坏行${i},feed,notaurl,,local,,,`).join('\n');
    const res = await post(`${HEADER}\n${rows}\n`);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text.length).toBeLessThan(20_000);
    const body = JSON.parse(text);
    expect(body.message).toMatch(/^CSV 有 50000 处错误/);
    expect(body.details.errors).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(body.details.errors.at(-1)).toMatchObject({
      field: 'more',
      message: expect.stringMatching(/^…及另外 49950 处/),
    });
  });

  it('refuses bytes that are not UTF-8 with a 400, as the contacts import does', async () => {
    const res = await post(
      Buffer.concat([
        Buffer.from(`${HEADER}\n坏字节`),
        Buffer.from([0xff]),
        Buffer.from(',push,,,social,,,\n'),
      ]),
    );
    expect(res.status).toBe(400);
    // request-body.ts refuses it before the CSV is parsed, naming where (line 2, the byte after 坏字节's 9 bytes)
    const offset = Buffer.byteLength(`${HEADER}\n坏字节`) + 1;
    expect((await json(res)).message).toBe(
      `第 2 行（文件第 ${offset} 字节，0xFF）不是有效的 UTF-8 编码，未导入任何数据；` +
        '请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后重新上传',
    );
  });

  it('still reads a UTF-8 file with a BOM, as Excel saves it', async () => {
    const row = 'BOM 测试源,feed,https://bom.example.cn/rss.xml,44,local,300,3600,true';
    const res = await post(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}\n${row}\n`)]),
    );
    expect(res.status).toBeLessThan(300);
    expect(await t.ds.query(`SELECT name FROM sources WHERE url = 'https://bom.example.cn/rss.xml'`)).toEqual(
      [{ name: 'BOM 测试源' }],
    );
  });
});
