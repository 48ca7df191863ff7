import { OrganisationService } from '../../../src/organisation/organisation.service';
import { json } from '../../support/http';
import { createTestApp, TestApp } from '../../support/app';

const BOM = '\uFEFF';
const savedLogLevel = process.env.LOG_LEVEL;
process.env.LOG_LEVEL = 'silent'; // the root logger reads the environment; keep the import log lines out of the output

/** Contacts as stored, without ids: what an import must (or must not) have changed. */
async function snapshot(t: TestApp) {
  return t.ds.query(
    `SELECT bureau_code, role, name, title, email, phone FROM bureau_contacts ORDER BY bureau_code, role, email`,
  );
}

describe('bureau contacts: CSV import and export (real PostgreSQL, real HTTP)', () => {
  let t: TestApp;
  let admin: string;
  const post = (csv: string | Buffer, cookie = admin, type = 'text/csv; charset=utf-8') =>
    fetch(`${t.url}/api/organisation/contacts.csv`, {
      method: 'POST',
      headers: { cookie, 'content-type': type },
      body: csv,
    });
  const exportCsv = async (cookie = admin, scope?: string) => {
    const res = await fetch(`${t.url}/api/organisation/contacts.csv${scope ? `?scope=${scope}` : ''}`, {
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, so Excel reads UTF-8
    return bytes;
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.userWithSession('hq-admin', 'admin', '00');
  });
  afterAll(async () => {
    await t.close();
    if (savedLogLevel === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = savedLogLevel;
  });

  it('imports a good file: BOM, Chinese role labels, bureau names, several deputies in file order', async () => {
    const csv =
      `${BOM}bureau_code,bureau_name,role,name,title,email,phone\r\n` +
      `44,,主要负责人,张广东,局长,zhang@gd.example.cn,020-81234567\r\n` +
      `,广东省税务局,分管领导,李副,副局长,li@gd.example.cn,\r\n` +
      `44,,deputy,王副,副局长,wang@gd.example.cn,\r\n` +
      `44,,舆情联络员,赵联络,,zhao@gd.example.cn,13800000000\r\n` +
      `,深圳市南山区税务局,office,南山办公室,,office@ns.example.cn,0755-1\r\n` +
      `4401,,HEAD,钱广州,局长,qian@gz.example.cn,\r\n`;
    const res = await post(csv);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ bureaus: 3, contacts: 6 });

    const svc = t.get(OrganisationService);
    const gd = await svc.contactsOf('44');
    expect(gd.map((c) => [c.role, c.name])).toEqual([
      ['head', '张广东'],
      ['deputy', '李副'],
      ['deputy', '王副'],
      ['liaison', '赵联络'],
    ]);
    expect(gd[0]).toMatchObject({
      bureauCode: '44',
      title: '局长',
      email: 'zhang@gd.example.cn',
      phone: '020-81234567',
    });
    expect(gd[1]).toMatchObject({ title: '副局长', phone: null });
    expect(await svc.contactsOf('440305')).toEqual([
      expect.objectContaining({ role: 'office', name: '南山办公室' }),
    ]);
    expect(await svc.contactsOf('9999')).toEqual([]);
    const detail = await json(await fetch(`${t.url}/api/bureaus/4401`, { headers: { cookie: admin } }));
    expect(detail.contacts).toEqual([expect.objectContaining({ role: 'head', name: '钱广州' })]);
  });

  it('rejects a bad file with every bad row listed and writes nothing', async () => {
    const before = await snapshot(t);
    expect(before.length).toBe(6);
    const csv =
      'bureau_code,bureau_name,role,name,title,email,phone\n' +
      '44,,head,新局长,,new@gd.example.cn,\n' + // 2: fine, but must not be written
      '4499,,head,甲,,a@x.cn,\n' + // 3: unknown bureau
      '4401,,head,乙,,bad-email,\n' + // 4: bad email
      '4401,,boss,丙,,c@x.cn,\n' + // 5: unknown role
      '4401,,deputy,,,d@x.cn,\n' + // 6: missing name
      '44,,head,新局长,,new@gd.example.cn,\n' + // 7: duplicate of line 2
      ',南山区税务局,office,丁,,e@x.cn,\n'; // 8: ambiguous (Shenzhen and Hegang)
    const res = await post(csv);
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.code).toBe('ORG_CSV_INVALID');
    expect(
      body.details.map((i: { line: number; column: string; code: string }) => [i.line, i.column, i.code]),
    ).toEqual([
      [3, 'bureau_code', 'unknown_bureau'],
      [4, 'email', 'bad_email'],
      [5, 'role', 'unknown_role'],
      [6, 'name', 'missing_name'],
      [7, null, 'duplicate_row'],
      [8, 'bureau_name', 'ambiguous_bureau'],
    ]);
    expect(body.details.every((i: { message: string }) => i.message.length > 0)).toBe(true);
    expect(await snapshot(t)).toEqual(before);
  });

  it('re-import replaces the contacts of the bureaus in the file and leaves the others alone', async () => {
    const res = await post(
      'bureau_code,role,name,title,email,phone\n44,head,孙新任,局长,sun@gd.example.cn,\n',
    );
    expect(await json(res)).toEqual({ bureaus: 1, contacts: 1 });
    const svc = t.get(OrganisationService);
    expect((await svc.contactsOf('44')).map((c) => c.name)).toEqual(['孙新任']);
    expect((await svc.contactsOf('4401')).map((c) => c.name)).toEqual(['钱广州']);
    expect((await svc.contactsOf('440305')).map((c) => c.name)).toEqual(['南山办公室']);
  });

  it('export → import round-trips and exports the same file again', async () => {
    const first = await exportCsv();
    const text = first.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(`${BOM}bureau_code,bureau_name,role,name,title,email,phone`);
    expect(text).toContain('4401,国家税务总局广州市税务局,head,钱广州,局长,qian@gz.example.cn,');
    const before = await snapshot(t);
    const res = await post(first);
    expect(await json(res)).toEqual({ bureaus: 3, contacts: 3 });
    expect(await snapshot(t)).toEqual(before);
    expect((await exportCsv()).equals(first)).toBe(true);
  });

  it('scopes export and import to the caller: Guangdong sees and changes only Guangdong', async () => {
    const gdMonitor = await t.userWithSession('gd-monitor', 'monitor', '44');
    const gdAdmin = await t.userWithSession('gd-admin', 'admin', '44');
    const gdExport = (await exportCsv(gdMonitor)).toString('utf8');
    expect(gdExport).toContain('孙新任');
    expect(gdExport).not.toContain('南山办公室'); // Shenzhen reports to HQ, not Guangdong
    const denied = await fetch(`${t.url}/api/organisation/contacts.csv?scope=4403`, {
      headers: { cookie: gdMonitor },
    });
    expect(denied.status).toBe(403);

    expect(
      (await post('bureau_code,role,name,email\n44,head,某人,x@gd.example.cn\n', gdMonitor)).status,
    ).toBe(403);
    const before = await snapshot(t);
    const res = await post(
      'bureau_code,role,name,email\n4401,head,某人,x@gd.example.cn\n4403,head,某人,y@sz.example.cn\n',
      gdAdmin,
    );
    expect(res.status).toBe(400);
    expect((await json(res)).details).toEqual([expect.objectContaining({ line: 3, code: 'out_of_scope' })]);
    expect(await snapshot(t)).toEqual(before);
  });

  it('answers wrong uploads with a clear 4xx', async () => {
    const asJson = await post(JSON.stringify({ a: 1 }), admin, 'application/json');
    expect(asJson.status).toBe(400);
    expect((await json(asJson)).code).toBe('ORG_CSV_CONTENT_TYPE');
    const headerOnly = await post('bureau_code,role,name,email\n');
    expect((await json(headerOnly)).code).toBe('ORG_CSV_EMPTY');
    const noHeader = await post('44,head,张三,zs@gd.example.cn\n');
    expect(noHeader.status).toBe(400);
    expect((await json(noHeader)).details[0]).toMatchObject({ line: 1, code: 'header' });
    const huge = await post(
      `bureau_code,role,name,email\n${'44,head,张三,zs@gd.example.cn\n'.repeat(200_000)}`,
    );
    expect(huge.status).toBe(413);
  });
});
