/**
 * "Spread over time" as a small inline SVG rendered on the server: bars of items per time bucket (central-media
 * items in red on top), plus the cumulative count as a line. Buckets are hours, widened to 2/3/6/12/24 h so a long
 * incident never has more than MAX_BARS bars. No script, no chart library: it prints and works without JavaScript.
 */
import { formatShanghai } from '../../notifications/time-format';
import { html, joinHtml, SafeHtml } from '../../console/html';

export interface SpreadPoint {
  hour: Date;
  tier: string;
  count: number;
}

const MAX_BARS = 72;
const STEPS = [1, 2, 3, 6, 12, 24, 48, 168];
const W = 640;
const H = 160;
const PAD = { left: 36, right: 8, top: 10, bottom: 26 };

export interface Bucket {
  start: Date;
  total: number;
  central: number;
}

export function bucketize(points: readonly SpreadPoint[]): { hours: number; buckets: Bucket[] } {
  if (points.length === 0) return { hours: 1, buckets: [] };
  const hour = 3_600_000;
  const first = Math.min(...points.map((p) => p.hour.getTime()));
  const last = Math.max(...points.map((p) => p.hour.getTime()));
  const span = Math.floor((last - first) / hour) + 1;
  const hours = STEPS.find((s) => Math.ceil(span / s) <= MAX_BARS) ?? Math.ceil(span / MAX_BARS);
  const buckets: Bucket[] = Array.from({ length: Math.ceil(span / hours) }, (_, i) => ({
    start: new Date(first + i * hours * hour),
    total: 0,
    central: 0,
  }));
  for (const p of points) {
    const b = buckets[Math.floor((p.hour.getTime() - first) / hour / hours)];
    b.total += p.count;
    if (p.tier === 'central') b.central += p.count;
  }
  return { hours, buckets };
}

export function spreadChart(points: readonly SpreadPoint[]): SafeHtml {
  const { hours, buckets } = bucketize(points);
  if (buckets.length === 0) return html`<p class="empty">暂无传播数据</p>`;
  const max = Math.max(...buckets.map((b) => b.total));
  const total = buckets.reduce((n, b) => n + b.total, 0);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const bw = innerW / Math.max(buckets.length, 12); // a short incident gets narrow bars, not one wide block
  const y = (v: number, scale: number) => PAD.top + innerH - (v / scale) * innerH;
  const bars = buckets.map((b, i) => {
    const x = PAD.left + i * bw;
    const h = (b.total / max) * innerH;
    const ch = (b.central / max) * innerH;
    const label = `${formatShanghai(b.start)} 起 ${hours} 小时：${b.total} 条${b.central ? `（中央媒体 ${b.central}）` : ''}`;
    return html`<g class="bar"><title>${label}</title><rect x="${x.toFixed(1)}" y="${(PAD.top + innerH - h).toFixed(1)}" width="${Math.max(bw - 1, 1).toFixed(1)}" height="${h.toFixed(1)}" fill="#5b7fb5"></rect>${
      b.central > 0 &&
      html`<rect x="${x.toFixed(1)}" y="${(PAD.top + innerH - h).toFixed(1)}" width="${Math.max(bw - 1, 1).toFixed(1)}" height="${ch.toFixed(1)}" fill="#c8102e"></rect>`
    }</g>`;
  });
  let cum = 0;
  const line = buckets
    .map((b, i) => {
      cum += b.total;
      return `${(PAD.left + (i + 0.5) * bw).toFixed(1)},${y(cum, total).toFixed(1)}`;
    })
    .join(' ');
  const last = new Date(buckets[buckets.length - 1].start.getTime() + hours * 3_600_000);
  return html`<svg class="spread-chart" viewBox="0 0 ${W} ${H}" width="100%" role="img"
    aria-label="传播趋势：共 ${total} 条，峰值每 ${hours} 小时 ${max} 条" xmlns="http://www.w3.org/2000/svg">
    <line x1="${PAD.left}" y1="${PAD.top + innerH}" x2="${W - PAD.right}" y2="${PAD.top + innerH}" stroke="#9aa4b2"></line>
    <text x="${PAD.left - 4}" y="${PAD.top + 8}" text-anchor="end" font-size="10" fill="#6b7585">${max}</text>
    <text x="${PAD.left - 4}" y="${PAD.top + innerH}" text-anchor="end" font-size="10" fill="#6b7585">0</text>
    ${joinHtml(bars)}
    <polyline points="${line}" fill="none" stroke="#b25e09" stroke-width="1.5"><title>累计 ${total} 条</title></polyline>
    <text x="${PAD.left}" y="${H - 8}" font-size="10" fill="#6b7585">${formatShanghai(buckets[0].start)}</text>
    <text x="${W - PAD.right}" y="${H - 8}" text-anchor="end" font-size="10" fill="#6b7585">${formatShanghai(last)}</text>
  </svg>`;
}
