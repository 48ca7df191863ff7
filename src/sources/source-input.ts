import {
  AUTHORITY_TIERS,
  AuthorityTier,
  DEFAULT_MAX_INTERVAL_SECONDS,
  DEFAULT_MIN_INTERVAL_SECONDS,
  FieldError,
  INTERVAL_CEILING_SECONDS,
  INTERVAL_FLOOR_SECONDS,
  SOURCE_KINDS,
  SourceInput,
  SourceKind,
} from './source.types';

/** Loosely typed input (API body after DTO checks, a CSV row after splitting); missing fields take defaults. */
export interface RawSourceInput {
  name?: unknown;
  kind?: unknown;
  url?: unknown;
  bureauCode?: unknown;
  regionCode?: unknown;
  authorityTier?: unknown;
  minIntervalSeconds?: unknown;
  maxIntervalSeconds?: unknown;
  enabled?: unknown;
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** http/https URL with a host, at most 2,048 characters; returns the reason it is not, or null. */
export function feedUrlProblem(url: string): string | null {
  if (url.length > 2048) return '地址过长（最多 2048 个字符）';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '不是有效的网址';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return '只支持 http 或 https 地址';
  if (!u.hostname) return '地址缺少主机名';
  if (u.username || u.password) return '地址中不能包含用户名或密码';
  return null;
}

function intervalOf(v: unknown, field: string, fallback: number, errors: FieldError[]): number {
  if (isBlank(v)) return fallback;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n)) {
    errors.push({ field, message: '必须是整数秒' });
    return fallback;
  }
  if (n < INTERVAL_FLOOR_SECONDS || n > INTERVAL_CEILING_SECONDS) {
    errors.push({ field, message: `必须在 ${INTERVAL_FLOOR_SECONDS} 到 ${INTERVAL_CEILING_SECONDS} 秒之间` });
  }
  return n;
}

function boolOf(v: unknown, errors: FieldError[]): boolean {
  if (isBlank(v)) return true;
  if (typeof v === 'boolean') return v;
  const s = String(v).trim().toLowerCase();
  if (['true', '1', 'yes', 'y', '是', '启用'].includes(s)) return true;
  if (['false', '0', 'no', 'n', '否', '停用'].includes(s)) return false;
  errors.push({ field: 'enabled', message: '必须是 true 或 false' });
  return true;
}

/** The rules every source obeys, whether it comes from the API or a CSV file (the database re-checks them). */
export function validateSourceInput(raw: RawSourceInput): {
  value: SourceInput | null;
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  const name = typeof raw.name === 'string' ? raw.name.trim() : '';
  if (!name) errors.push({ field: 'name', message: '名称不能为空' });
  else if (name.length > 200) errors.push({ field: 'name', message: '名称最多 200 个字符' });

  const kind = (isBlank(raw.kind) ? 'feed' : String(raw.kind).trim()) as SourceKind;
  if (!SOURCE_KINDS.includes(kind)) errors.push({ field: 'kind', message: '类型必须是 feed 或 push' });

  const url = isBlank(raw.url) ? null : String(raw.url).trim();
  if (url === null && kind === 'feed') errors.push({ field: 'url', message: '订阅源必须填写地址' });
  if (url !== null) {
    const problem = feedUrlProblem(url);
    if (problem) errors.push({ field: 'url', message: problem });
  }

  const bureauCode = isBlank(raw.bureauCode) ? null : String(raw.bureauCode).trim();
  if (bureauCode !== null && !/^[0-9]{2,6}$/.test(bureauCode)) {
    errors.push({ field: 'bureau_code', message: '单位代码应为 2 到 6 位数字' });
  }
  const regionCode = isBlank(raw.regionCode) ? null : String(raw.regionCode).trim();
  if (regionCode !== null && !/^[0-9]{6}$/.test(regionCode)) {
    errors.push({ field: 'region_code', message: '行政区划代码应为 6 位数字' });
  }

  const tier = (isBlank(raw.authorityTier) ? '' : String(raw.authorityTier).trim()) as AuthorityTier;
  if (!AUTHORITY_TIERS.includes(tier)) {
    errors.push({ field: 'authority_tier', message: `权威级别必须是 ${AUTHORITY_TIERS.join('、')} 之一` });
  }

  const min = intervalOf(raw.minIntervalSeconds, 'min_interval', DEFAULT_MIN_INTERVAL_SECONDS, errors);
  const max = intervalOf(
    raw.maxIntervalSeconds,
    'max_interval',
    Math.max(DEFAULT_MAX_INTERVAL_SECONDS, min),
    errors,
  );
  if (Number.isInteger(min) && Number.isInteger(max) && min > max) {
    errors.push({ field: 'max_interval', message: '最长间隔不能小于最短间隔' });
  }
  const enabled = boolOf(raw.enabled, errors);

  if (errors.length) return { value: null, errors };
  return {
    value: {
      name,
      kind,
      url,
      bureauCode,
      regionCode,
      authorityTier: tier,
      minIntervalSeconds: min,
      maxIntervalSeconds: max,
      enabled,
    },
    errors,
  };
}
