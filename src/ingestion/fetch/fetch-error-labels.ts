import type { FetchErrorKind } from '../parser/feed.types';

/**
 * What each kind of fetch failure means, in the words people read in the console and from the CLI; the fetcher's
 * own message follows as the technical detail.
 */
export const FETCH_ERROR_LABELS: Record<FetchErrorKind, string> = {
  network: '网络错误，无法连接',
  timeout: '超时',
  http: 'HTTP 错误',
  too_large: '内容过大',
  parse: '无法解析为订阅源',
  blocked: '地址被安全策略拦截（内网或未允许的主机）',
  redirects: '重定向次数过多',
  not_feed: '不是订阅源（RSS/Atom/JSON Feed）',
};
