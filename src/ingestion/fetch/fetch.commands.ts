import { CliCommand, CliUsageError } from '../../cli/cli-command';
import { validateEnv } from '../../infrastructure/config/validate-env';
import { IngestionConfig } from '../ingestion.config';
import { fetchFeed } from './feed-fetcher';
import { fetchOptionsFrom } from './fetch-options';
import { FETCH_ERROR_LABELS } from './fetch-error-labels';

/**
 * `fetch <url> [--allow-private]`: fetches and parses one feed exactly as the poller does (same options, same
 * parser, same keys) and prints one JSON line per item. No database: the first thing to try when a source looks wrong.
 */
export const fetchCommands: CliCommand[] = [
  {
    name: 'fetch',
    usage: 'fetch <url> [--allow-private]',
    description: '按采集器的方式抓取并解析一个信息源，每条一行 JSON（不写数据库）',
    run: async (ctx) => {
      // `--allow-private <url>` reads the URL as the flag's value; take it back as the positional argument.
      const flag = ctx.flags['allow-private'];
      const url = ctx.args[0] ?? (typeof flag === 'string' ? flag : undefined);
      if (!url || ctx.args.length > 1) throw new CliUsageError('用法：fetch <url> [--allow-private]');
      try {
        const parsed = new URL(url);
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error();
      } catch {
        throw new CliUsageError(`不是 http(s) 网址：${url}`);
      }
      // Same settings as the poller (FETCH_* variables); --allow-private additionally lets it reach loopback.
      const allowPrivate = flag !== undefined && flag !== 'false';
      const options = fetchOptionsFrom(validateEnv(IngestionConfig), allowPrivate ? { allowPrivate } : {});
      const outcome = await fetchFeed(url, {}, options);
      if (outcome.kind === 'error') {
        const status = outcome.status === null ? '' : `（HTTP ${outcome.status}）`;
        const retry = outcome.retryAfterSeconds === null ? '' : `，${outcome.retryAfterSeconds} 秒后可重试`;
        const label = FETCH_ERROR_LABELS[outcome.errorKind] ?? outcome.errorKind;
        // The label for people, the kind and the fetcher's message as the detail an operator searches logs for.
        process.stderr.write(
          `fetch: 抓取失败：${label}${status}${retry}（${outcome.errorKind}: ${outcome.message}）\n`,
        );
        return 1;
      }
      if (outcome.kind === 'not_modified') {
        process.stderr.write(`fetch: not modified (${outcome.reason})\n`);
        return 0;
      }
      // What the poller records about a feed read anyway (items skipped, a wrong charset header): on stderr, so the
      // items on stdout stay one JSON line each.
      for (const w of outcome.feed.warnings) process.stderr.write(`fetch: 注意：${w.message}\n`);
      for (const item of outcome.feed.items) {
        const { key, guid, title, link, author, publishedAt, text } = item;
        ctx.stdout.write(
          `${JSON.stringify({ key, guid, title, link, author, publishedAt: publishedAt?.toISOString() ?? null, text })}\n`,
        );
      }
      return 0;
    },
  },
];
