import { bucketize, spreadChart } from './incident-spread-chart';

const h = (iso: string) => new Date(iso);

describe('spread chart', () => {
  it('counts items per hour, central media apart, filling empty hours', () => {
    const { hours, buckets } = bucketize([
      { hour: h('2026-11-02T01:00:00Z'), tier: 'social', count: 3 },
      { hour: h('2026-11-02T01:00:00Z'), tier: 'central', count: 1 },
      { hour: h('2026-11-02T03:00:00Z'), tier: 'social', count: 2 },
    ]);
    expect(hours).toBe(1);
    expect(buckets.map((b) => [b.total, b.central])).toEqual([
      [4, 1],
      [0, 0],
      [2, 0],
    ]);
  });

  it('widens buckets so a long incident has at most 72 bars', () => {
    const { hours, buckets } = bucketize([
      { hour: h('2026-11-01T00:00:00Z'), tier: 'social', count: 1 },
      { hour: h('2026-11-08T00:00:00Z'), tier: 'social', count: 1 },
    ]);
    expect(hours).toBe(3);
    expect(buckets.length).toBeLessThanOrEqual(72);
    expect(buckets.reduce((n, b) => n + b.total, 0)).toBe(2);
  });

  it('renders an accessible SVG with one group per bar and times in China time', () => {
    const svg = spreadChart([
      { hour: h('2026-11-02T01:00:00Z'), tier: 'social', count: 3 },
      { hour: h('2026-11-02T02:00:00Z'), tier: 'central', count: 1 },
    ]).toString();
    expect(svg).toMatch(/^<svg class="spread-chart"/);
    expect(svg).toContain('aria-label="传播趋势：共 4 条，峰值每 1 小时 3 条"');
    expect(svg.match(/<g class="bar">/g)).toHaveLength(2);
    expect(svg).toContain('2026-11-02 09:00');
    expect(svg).toContain('fill="#c8102e"');
    expect(spreadChart([]).toString()).toContain('暂无传播数据');
  });
});
