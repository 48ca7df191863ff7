/** Asia/Shanghai wall-clock times in forms (<input type="datetime-local">), fixed UTC+8. Pure. */
const OFFSET_MS = 8 * 3600_000;

/** '2026-11-02T10:30' or '2026-11-02 10:30' (Shanghai) → the instant; null when malformed or not a real date. */
export function parseShanghaiLocal(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const t = Date.UTC(y, mo - 1, d, h, mi, s) - OFFSET_MS;
  const back = new Date(t + OFFSET_MS);
  if (
    back.getUTCFullYear() !== y ||
    back.getUTCMonth() !== mo - 1 ||
    back.getUTCDate() !== d ||
    h > 23 ||
    mi > 59
  )
    return null;
  return new Date(t);
}

/** The value for a datetime-local input: '2026-11-02T10:30' in Shanghai time. */
export function toShanghaiLocalInput(d: Date): string {
  return new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 16);
}
