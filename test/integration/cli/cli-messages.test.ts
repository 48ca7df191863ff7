import { usageFlags, valueFlags } from '../../../src/cli';
import { COMMANDS } from '../../../src/cli/commands';
import { cli as runCliCaptured } from '../../support/cli';

/** Runs one command as `npm run cli -- …` would (test/support/cli.ts). */
const cli = (...argv: string[]) => runCliCaptured(argv);
const groupDescription = () => COMMANDS.find((c) => c.name === 'incidents:group')!.description;

/** Issue 13: what a person reads from the CLI — usage, usage errors and failures — is Chinese. */
describe('CLI messages (runCli, no database needed for these mistakes)', () => {
  it('an unknown command says so in Chinese and prints the Chinese usage line', async () => {
    const r = await cli('groupp');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^未知命令：groupp\n用法：npm run cli -- <命令> \[选项\]\n/);
    expect(r.err).toContain('执行尚未应用的数据库迁移');
    expect(r.err).not.toContain('usage:');
  });

  it.each([['help'], ['--help'], ['-h'], []])(
    'help asked for (%j) exits 0 with the usage text on stdout, so it survives a pipe',
    async (...argv: string[]) => {
      const r = await cli(...argv);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^用法：npm run cli -- <命令> \[选项\]\n/);
      expect(r.out).toContain('tokens:revoke <id>');
      expect(r.err).toBe('');
    },
  );

  it('<command> --help prints that command’s usage and description on stdout, runs nothing', async () => {
    const r = await cli('incidents:group', '--help');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe(
      `用法：npm run cli -- incidents:group [--limit N] [--retry-failed]\n${groupDescription()}\n`,
    );
  });

  it('a flag the command’s usage does not name is a usage error, not silently ignored', async () => {
    const r = await cli('items:partitions', '--bogus');
    expect(r).toMatchObject({
      code: 2,
      out: '',
      err: 'items:partitions：未知选项：--bogus（用法：items:partitions [--maintain]）\n',
    });
    const two = await cli('report:monthly', '--month', '2026-10', '--scpoe', '44', '--x');
    expect(two.err).toBe(
      'report:monthly：未知选项：--scpoe、--x（用法：report:monthly --month 2026-10 [--scope 44] [--out dir]）\n',
    );
  });

  it('a flag shown with a value but given bare is a usage error, never a run with the default', async () => {
    const r = await cli('incidents:group', '--limit');
    expect(r).toMatchObject({
      code: 2,
      out: '',
      err: 'incidents:group：选项缺少取值：--limit（用法：incidents:group [--limit N] [--retry-failed]）\n',
    });
    expect([...valueFlags('x [--limit N] [--json] [--cross [--team-cases]] --month 2026-10')]).toEqual([
      'limit',
      'month',
    ]);
  });

  it('usageFlags reads the flags a usage line names', () => {
    expect([
      ...usageFlags('classifier:eval <f>… [--all] [--cross [--team-cases]] | classifier:eval --sets'),
    ]).toEqual(['all', 'cross', 'team-cases', 'sets']);
  });

  it.each([
    [['incidents:group', '--limit', '0'], 'incidents:group：--limit 应为 1 到 20000 之间的整数'],
    [
      ['escalation:simulate', '--grade', 'V', '--bureau', '440106'],
      'escalation:simulate：--grade 应为 I、II、III 或 IV',
    ],
    [
      ['escalation:simulate', '--grade', 'II', '--bureau', 'x'],
      'escalation:simulate：--bureau 应为单位代码，如 440106',
    ],
    [['fetch', 'ftp://example.cn/feed.xml'], 'fetch：不是 http(s) 网址：ftp://example.cn/feed.xml'],
    [['sources:import'], 'sources:import：请指定 CSV 文件'],
    [['classifier:eval'], 'classifier:eval：请指定 CSV 文件：classifier:eval <file.csv>…'],
  ])('%j is a usage error (exit 2) in one Chinese line', async (argv, line) => {
    const r = await cli(...argv);
    expect(r).toMatchObject({ code: 2, out: '', err: `${line}\n` });
  });
});
