import type { Principal } from '../auth/roles';
import { SourceForm, renderSourceDetail } from './source-form.view';
import { SourceView } from './source.types';
import { renderSourcesPage } from './sources-page.view';

const monitor: Principal = {
  userId: '1',
  username: 'gd-watch',
  displayName: '监测员',
  role: 'monitor',
  bureauCode: '44',
  bureauPath: '00.44.',
  via: 'session',
};

const at = new Date('2026-11-02T01:00:00Z');
const TOO_LARGE = 'Content-Length 52430495 exceeds 15728640 bytes';

function source(): SourceView {
  return {
    id: '7',
    name: '南方日报',
    kind: 'feed',
    url: 'https://nf.example.com/rss',
    bureauCode: '44',
    regionCode: '440000',
    authorityTier: 'provincial',
    minIntervalSeconds: 300,
    maxIntervalSeconds: 3600,
    enabled: true,
    host: 'nf.example.com',
    bureauName: '广东省税务局',
    feedTitle: null,
    pushSecretPrefix: null,
    createdAt: at,
    updatedAt: at,
    health: {
      status: 'failing',
      lastCheckedAt: at,
      lastSuccessAt: null,
      lastItemAt: null,
      lastErrorAt: at,
      lastErrorKind: 'too_large',
      lastError: TOO_LARGE,
      lastStatus: 200,
      consecutiveErrors: 2,
      itemsLast24h: 0,
      nextCheckAt: at,
      expectedIntervalSeconds: null,
      needsAttention: false,
      stale: false,
    },
  };
}

/** The text of the page from `marker` on, tags removed: what a reader sees in that place. */
const seen = (page: string, marker: string) =>
  page
    .slice(page.indexOf(marker))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('fetch errors on the sources pages', () => {
  it('lists the Chinese label of the last error first, the fetcher’s own words after it', () => {
    const page = renderSourcesPage(monitor, { sources: [source()], q: '', attentionOnly: false });
    const cell = seen(page, 'class="src-error"');
    expect(cell).toMatch(/^\S+ 2026-11-02 09:00 内容过大 Content-Length 52430495/);
    expect(page).toContain(`title="${TOO_LARGE}"`); // the whole detail, even when the cell shortens it
  });

  it('labels the last error and every recent error on the detail page, keeping the raw detail', () => {
    const form = {} as SourceForm;
    const page = renderSourceDetail(monitor, {
      source: source(),
      errors: [
        { occurredAt: at, kind: 'timeout', status: null, message: 'timed out after 30000 ms' },
        { occurredAt: at, kind: 'http', status: 503, message: 'HTTP 503 Service Unavailable' },
        { occurredAt: at, kind: 'mystery', status: null, message: 'x' },
      ],
      canManage: false,
      form,
    });
    expect(seen(page, '<dt>最近错误</dt>')).toMatch(/^ 最近错误 2026-11-02 09:00 内容过大 Content-Length/);
    const table = seen(page, 'class="data source-errors"');
    expect(table).toContain('2026-11-02 09:00 超时 — timed out after 30000 ms');
    expect(table).toContain('HTTP 错误 503 HTTP 503 Service Unavailable');
    expect(table).toContain('mystery — x'); // a kind without a label is shown as stored
    expect(page).not.toMatch(/<td[^>]*>timeout<\/td>/);
  });
});
