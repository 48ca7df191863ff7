import { createHash } from 'node:crypto';
import { CONSOLE_CSS } from './assets/console.css';
import { CONSOLE_JS } from './assets/console.js';
import { BUREAU_PICKER_JS } from './assets/bureau-picker.js';
import { ESCALATION_COUNTDOWN_JS } from './assets/escalation-countdown.js';
import { FAVICON_SVG } from './assets/favicon.svg';
import { OVERVIEW_CSS } from '../overview/overview.css';
import { INCIDENT_DETAIL_JS, INCIDENT_QUEUE_JS } from '../incidents/console/incident-console.assets';
import { USERS_CSS } from '../auth/pages/assets/users.css';
import { USERS_JS } from '../auth/pages/assets/users.js';

export interface ConsoleAsset {
  body: string;
  contentType: string;
  /** Content hash: part of the URL (cache busting) and the ETag. */
  hash: string;
}

function asset(body: string, contentType: string): ConsoleAsset {
  return { body, contentType, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) };
}

/** Bundled as TS string modules so the compiled service in dist/ (and the Docker image) needs no asset copy step. */
export const CONSOLE_ASSETS: Record<string, ConsoleAsset> = {
  'console.css': asset(CONSOLE_CSS, 'text/css; charset=utf-8'),
  'console.js': asset(CONSOLE_JS, 'text/javascript; charset=utf-8'),
  // Page scripts: served files, never inline, so the Content-Security-Policy can forbid inline script.
  'incident-queue.js': asset(INCIDENT_QUEUE_JS, 'text/javascript; charset=utf-8'),
  'incident-detail.js': asset(INCIDENT_DETAIL_JS, 'text/javascript; charset=utf-8'),
  'bureau-picker.js': asset(BUREAU_PICKER_JS, 'text/javascript; charset=utf-8'),
  'overview.css': asset(OVERVIEW_CSS, 'text/css; charset=utf-8'),
  'escalation-countdown.js': asset(ESCALATION_COUNTDOWN_JS, 'text/javascript; charset=utf-8'),
  // The 用户与令牌 pages (src/auth/pages).
  'users.css': asset(USERS_CSS, 'text/css; charset=utf-8'),
  'users.js': asset(USERS_JS, 'text/javascript; charset=utf-8'),
  'favicon.svg': asset(FAVICON_SVG, 'image/svg+xml'),
};

/** URL with a content-hash query, so browsers may cache assets for long and still see every change. */
export function assetUrl(name: keyof typeof CONSOLE_ASSETS & string): string {
  const a = CONSOLE_ASSETS[name];
  if (!a) throw new Error(`unknown console asset ${name}`);
  return `/console/assets/${name}?v=${a.hash}`;
}
