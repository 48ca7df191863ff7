import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { CliContext, CliUsageError } from '../../../src/cli/cli-command';
import { closeAgents } from '../../../src/ingestion/fetch/dispatcher';
import { fetchCommands } from '../../../src/ingestion/fetch/fetch.commands';
import { FeedParseError, parseFeedBytes, ParsedFeed } from '../../../src/ingestion/fetch/feed-fetcher';
import { htmlToText, normaliseLink } from '../../../src/ingestion/parser/normalise';
import { FeedServer } from './feed-server';
import { SHARED_DIR } from '../../support/shared';

const FIXTURES = join(SHARED_DIR, 'fixtures/feeds');
const RSS_PARSER = join(FIXTURES, 'rss-parser');
const GOFEED = join(FIXTURES, 'gofeed/testdata');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** gofeed keeps expected outputs beside the inputs; a feed is any .xml, or a .json that is an input, not an expectation. */
function gofeedInputs(): string[] {
  return walk(GOFEED)
    .filter(
      (f) =>
        f.endsWith('.xml') ||
        (f.endsWith('.json') && !f.endsWith('_expected.json') && !existsSync(f.replace(/\.json$/, '.xml'))),
    )
    .sort();
}

/** The gofeed inputs that are broken on purpose (mismatched tags, invalid JSON, empty, unknown vocabulary). */
const GOFEED_BROKEN = [
  'parser/atom/atom10_feed_entry_source_logo.xml',
  'parser/atom/atom10_feed_entry_source_title_html_escaped_markup.xml',
  'parser/atom/atom10_feed_entry_source_title_text.xml',
  'parser/atom/atom10_feed_title_xhtml_escaped_markup.xml',
  'parser/atom/atom10_feed_title_xhtml_inline_markup.xml',
  'parser/json/invalid/invalid.json',
  'parser/rss/rss_channel_language.xml',
  'parser/universal/empty_feed.xml',
  'parser/universal/invalid.json',
  'parser/universal/unknown_feed.xml',
];

/** rss-parser decoded ISO-8859-1 as UTF-8, so its expectations hold U+FFFD where we (rightly) have the letter. */
function sameText(ours: string, expected: string): boolean {
  if (!expected.includes('\uFFFD')) return ours === expected;
  const pattern = expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\uFFFD/g, '[^\\uFFFD]');
  return new RegExp(`^${pattern}$`, 'u').test(ours);
}

async function runFetchCommand(url: string): Promise<{ code: number; lines: string[] }> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c) => (out += c));
  const ctx: CliContext = {
    args: url ? [url] : [],
    flags: { 'allow-private': true },
    stdout,
    stdin: new PassThrough(),
    app: () => Promise.reject(new Error('fetch must not need the application')),
  };
  const code = (await fetchCommands[0].run(ctx)) ?? 0;
  return { code, lines: out.split('\n').filter(Boolean) };
}

describe('fixture sweep: every shared feed fixture goes through the parser without a crash', () => {
  const rssParserInputs = readdirSync(join(RSS_PARSER, 'input')).sort();
  const summary = { rssParser: { ok: 0, error: 0 }, gofeed: { ok: 0, error: 0 } };
  afterAll(async () => {
    console.log(`fixture sweep: ${JSON.stringify(summary)}`);
    await closeAgents();
  });

  it.each(rssParserInputs)('rss-parser %s: titles and links match expected_output', async (name) => {
    const body = readFileSync(join(RSS_PARSER, 'input', name));
    const expectedFile = join(RSS_PARSER, 'expected_output', name.replace(/\.\w+$/, '.json'));
    if (name === 'unrecognized.rss') {
      // An HTML "Document Moved" page saved as .rss; rss-parser's own test expects it to be rejected.
      await expect(parseFeedBytes(body, null)).rejects.toMatchObject({ kind: 'not_feed' });
      summary.rssParser.error++;
      return;
    }
    const feed = await parseFeedBytes(body, null);
    summary.rssParser.ok++;
    if (!existsSync(expectedFile)) return; // itunes-missing-image.rss has no expectation upstream
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8')).feed;
    const expectedItems: { title?: string; link?: string }[] = expected.items;
    expect(feed.items).toHaveLength(expectedItems.length);
    const base = normaliseLink(expected.link);
    feed.items.forEach((item, i) => {
      const title = htmlToText(expectedItems[i].title ?? '');
      if (!sameText(item.title, title))
        throw new Error(`${name} item ${i}: title ${JSON.stringify(item.title)} ≠ ${JSON.stringify(title)}`);
      expect(item.title).not.toContain('\uFFFD');
      expect(item.link).toBe(normaliseLink(expectedItems[i].link, base));
    });
  });

  it('gofeed testdata: every feed parses, or fails with a FeedParseError only where the fixture is broken on purpose', async () => {
    const failed: string[] = [];
    const inputs = gofeedInputs();
    expect(inputs.length).toBeGreaterThan(500);
    for (const file of inputs) {
      try {
        const feed: ParsedFeed = await parseFeedBytes(readFileSync(file), null);
        expect(Array.isArray(feed.items)).toBe(true);
        summary.gofeed.ok++;
      } catch (e) {
        if (!(e instanceof FeedParseError))
          throw new Error(`${file}: crashed with ${String(e)}`, { cause: e });
        failed.push(relative(GOFEED, file));
        summary.gofeed.error++;
      }
    }
    expect(failed).toEqual(GOFEED_BROKEN);
  });

  describe('through the CLI path (served over HTTP, `fetch` command)', () => {
    let srv: FeedServer;
    beforeAll(async () => {
      srv = await FeedServer.start();
    });
    afterAll(() => srv.close());

    it('prints one JSON line per item for a sample of fixtures, and exits 1 for the broken ones', async () => {
      const sample = [
        ...rssParserInputs.map((n) => join(RSS_PARSER, 'input', n)),
        ...gofeedInputs().filter((_f, i) => i % 25 === 0),
        ...GOFEED_BROKEN.map((f) => join(GOFEED, f)),
      ];
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        for (const [i, file] of sample.entries()) {
          const url = srv.serve(`/fixture/${i}`, readFileSync(file), {
            'content-type': 'application/octet-stream',
          });
          const { code, lines } = await runFetchCommand(url);
          const parsed = await parseFeedBytes(readFileSync(file), null, url).catch(() => null);
          if (parsed === null) {
            expect(code).toBe(1);
            expect(lines).toEqual([]);
            continue;
          }
          expect(code).toBe(0);
          expect(lines).toHaveLength(parsed.items.length);
          for (const line of lines) {
            expect(Object.keys(JSON.parse(line))).toEqual([
              'key',
              'guid',
              'title',
              'link',
              'author',
              'publishedAt',
              'text',
            ]);
          }
        }
        const errors = stderr.mock.calls.map((c) => String(c[0]));
        expect(errors.length).toBeGreaterThanOrEqual(GOFEED_BROKEN.length);
        for (const e of errors)
          expect(e).toMatch(/^fetch: 抓取失败：[^\n]+（HTTP 200）（(parse|not_feed): [^\n]+）\n$/);
      } finally {
        stderr.mockRestore();
      }
    });

    it('treats a missing or non-http URL as a usage error', async () => {
      await expect(runFetchCommand('ftp://example.cn/feed.xml')).rejects.toThrow(
        new CliUsageError('不是 http(s) 网址：ftp://example.cn/feed.xml'),
      );
      await expect(runFetchCommand('')).rejects.toBeInstanceOf(CliUsageError);
    });

    it('as a real process: JSON lines on success; one stderr line and a non-zero exit on failure', async () => {
      const run = promisify(execFile);
      const cli = ['-r', '@swc-node/register', 'src/cli.ts', 'fetch'];
      const feedUrl = srv.serve('/cli-feed', readFileSync(join(RSS_PARSER, 'input/rss-1.rss')));
      const ok = await run(process.execPath, [...cli, feedUrl, '--allow-private'], { cwd: process.cwd() });
      const lines = ok.stdout.trim().split('\n');
      expect(lines).toHaveLength(69);
      expect(JSON.parse(lines[0])).toMatchObject({
        title: 'Food for fungi',
        author: 'Hines, P. J.',
        publishedAt: '2017-06-15T17:29:47.000Z',
      });

      const failing = srv.serve('/cli-500', 'boom', {}, 500);
      const err = await run(process.execPath, [...cli, '--allow-private', failing], {
        cwd: process.cwd(),
      }).catch((e) => e);
      expect(err.code).toBe(1);
      expect(err.stdout).toBe('');
      expect(err.stderr.split('\n').filter((l: string) => l && !l.startsWith('npm warn'))).toEqual([
        'fetch: 抓取失败：HTTP 错误（HTTP 500）（http: HTTP 500 Internal Server Error）',
      ]);

      const refused = await run(process.execPath, [...cli, feedUrl], { cwd: process.cwd() }).catch((e) => e);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        'fetch: 抓取失败：地址被安全策略拦截（内网或未允许的主机）（blocked: refused: 127.0.0.1 is a loopback address）',
      );
      expect(refused.stderr).not.toMatch(/\n\s+at /);
    });
  });
});
