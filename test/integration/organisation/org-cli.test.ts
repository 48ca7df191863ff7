import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli as runCliCaptured } from '../../support/cli';
import { createTestDataSource } from '../../support/database';

/** Runs one command as `npm run cli -- …` would (test/support/cli.ts). */
const cli = (...argv: string[]) => runCliCaptured(argv);

describe('org:* CLI commands (runCli against a real PostgreSQL database)', () => {
  let env: Awaited<ReturnType<typeof createTestDataSource>>;
  const dir = mkdtempSync(join(tmpdir(), 'org-cli-'));
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const saved: Record<string, string | undefined> = {
    DATABASE_URL: process.env.DATABASE_URL,
    MAIL_OUTBOX_DIR: process.env.MAIL_OUTBOX_DIR,
    LOG_LEVEL: process.env.LOG_LEVEL,
  };

  beforeAll(async () => {
    env = await createTestDataSource();
    process.env.DATABASE_URL = env.db.url;
    process.env.MAIL_OUTBOX_DIR = join(dir, 'outbox');
    process.env.LOG_LEVEL = 'silent';
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await env.close();
  });

  it('org:import prints the counts of a good file', async () => {
    const path = file(
      'good.csv',
      '\uFEFFbureau_code,role,name,title,email,phone\n44,主要负责人,张广东,局长,zhang@gd.example.cn,\n' +
        '44,liaison,赵联络,,zhao@gd.example.cn,\n4403,head,深局长,局长,shen@sz.example.cn,\n',
    );
    const r = await cli('org:import', path);
    expect(r).toMatchObject({ code: 0, out: 'imported 3 contacts for 2 bureaus\n' });
    const rows = await env.ds.query(`SELECT bureau_code, role, name FROM bureau_contacts ORDER BY id`);
    expect(rows).toEqual([
      { bureau_code: '44', role: 'head', name: '张广东' },
      { bureau_code: '44', role: 'liaison', name: '赵联络' },
      { bureau_code: '4403', role: 'head', name: '深局长' },
    ]);
  });

  it('org:import prints every bad row, one per line, exits 2 and writes nothing', async () => {
    const path = file(
      'bad.csv',
      'bureau_code,role,name,title,email,phone\n44,head,新局长,,new@gd.example.cn,\n4499,head,甲,,a@x.cn,\n44,head,乙,,oops,\n',
    );
    const r = await cli('org:import', path);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const lines = r.err.trim().split('\n');
    expect(lines[0]).toMatch(/^line 3 \[bureau_code\]: .*4499/);
    expect(lines[1]).toMatch(/^line 4 \[email\]: .*oops/);
    expect(lines[2]).toMatch(/^org:import: .*nothing imported/);
    const [{ n }] = await env.ds.query(
      `SELECT count(*)::int AS n FROM bureau_contacts WHERE name = '新局长'`,
    );
    expect(n).toBe(0);
  });

  it('org:import without a readable file is a usage error', async () => {
    expect(await cli('org:import')).toMatchObject({
      code: 2,
      err: expect.stringContaining('CSV file is required'),
    });
    expect(await cli('org:import', join(dir, 'missing.csv'))).toMatchObject({
      code: 2,
      err: expect.stringContaining('ENOENT'),
    });
  });

  it('org:export writes the CSV (with BOM) to stdout, optionally for one subtree', async () => {
    const all = await cli('org:export');
    expect(all.code).toBe(0);
    expect(all.out.split('\r\n')).toEqual([
      '\uFEFFbureau_code,bureau_name,role,name,title,email,phone',
      '44,国家税务总局广东省税务局,head,张广东,局长,zhang@gd.example.cn,',
      '44,国家税务总局广东省税务局,liaison,赵联络,,zhao@gd.example.cn,',
      '4403,国家税务总局深圳市税务局,head,深局长,局长,shen@sz.example.cn,',
      '',
    ]);
    const gd = await cli('org:export', '--scope', '44');
    expect(gd.out).toContain('张广东');
    expect(gd.out).not.toContain('深局长');
    expect(await cli('org:export', '--scope', '9999')).toMatchObject({
      code: 2,
      err: expect.stringContaining('9999'),
    });
  });

  it('org:find prints code, name, level and parent, best match first', async () => {
    const ns = await cli('org:find', '南山区税务局');
    expect(ns.code).toBe(0);
    const lines = ns.out
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(lines.slice(0, 2).sort((a, b) => a[0].localeCompare(b[0]))).toEqual([
      ['230404', '国家税务总局鹤岗市南山区税务局', 'county', '2304 鹤岗市税务局'],
      ['440305', '国家税务总局深圳市南山区税务局', 'county', '4403 深圳市税务局'],
    ]);
    const sz = await cli('org:find', '深圳', '--limit', '1');
    expect(sz.out).toBe('4403\t国家税务总局深圳市税务局\tprovincial\t00 税务总局\n');
    expect((await cli('org:find', '国家税务总局')).out.split('\n')[0]).toBe('00\t国家税务总局\tnational\t-');
    expect(await cli('org:find')).toMatchObject({
      code: 2,
      err: expect.stringContaining('search text required'),
    });
    expect(await cli('org:find', '深圳', '--level', 'city')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--level'),
    });
  });
});
