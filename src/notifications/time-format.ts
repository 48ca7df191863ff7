/**
 * Times as people in China read them, for emails. Asia/Shanghai is a fixed UTC+8 (no daylight saving since 1991),
 * so plain arithmetic is exact and does not depend on the ICU data or time zone of the machine.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

const pad = (n: number) => String(n).padStart(2, '0');

function shanghaiParts(date: Date) {
  const t = date.getTime();
  if (!Number.isFinite(t)) throw new RangeError('invalid date');
  const d = new Date(t + SHANGHAI_OFFSET_MS);
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
    wd: d.getUTCDay(),
  };
}

/** '2026-11-02 09:05' (Asia/Shanghai); with `seconds`, '2026-11-02 09:05:07'. */
export function formatShanghai(date: Date, opts: { seconds?: boolean } = {}): string {
  const p = shanghaiParts(date);
  const base = `${p.y}-${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}`;
  return opts.seconds ? `${base}:${pad(p.s)}` : base;
}

/** '2026年11月2日（周一）09:05' (Asia/Shanghai), for headlines and deadlines. */
export function formatShanghaiLong(date: Date): string {
  const p = shanghaiParts(date);
  return `${p.y}年${p.mo}月${p.d}日（周${WEEKDAYS[p.wd]}）${pad(p.h)}:${pad(p.mi)}`;
}

/**
 * A length of time in Chinese, rounded down to the minute: '2 天 3 小时', '1 小时 20 分', '5 分', '不足 1 分'.
 * Days drop the minutes (nobody acts on "2 天 3 小时 7 分"); zero parts are left out ('2 小时', '3 天').
 */
export function formatSpan(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return '不足 1 分';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`;
  if (hours > 0) return mins > 0 ? `${hours} 小时 ${mins} 分` : `${hours} 小时`;
  return `${mins} 分`;
}

/**
 * Time left until a deadline (positive `ms`) or past it (negative): '还剩 1 小时 20 分', '已超时 5 分'.
 * Both round down, so the mail never promises more time than there is; within the first minute past the
 * deadline it says '刚刚到期'.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError('invalid duration');
  if (ms >= 60_000) return `还剩 ${formatSpan(ms)}`;
  if (ms > 0) return '还剩不足 1 分';
  if (ms > -60_000) return '刚刚到期';
  return `已超时 ${formatSpan(ms)}`;
}

/** formatDuration(deadline − now). */
export function formatTimeLeft(deadline: Date, now: Date): string {
  return formatDuration(deadline.getTime() - now.getTime());
}
