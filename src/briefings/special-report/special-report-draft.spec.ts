import { draftSpecialReport } from './special-report-draft';
import type { SpecialReportFigures } from './special-report.types';

const figures: SpecialReportFigures = {
  incidentId: '3',
  title: '天河区办税服务厅排队三小时',
  grade: 'II',
  category: '服务态度与效率',
  status: 'confirmed',
  bureauCode: '440106',
  bureauName: '国家税务总局广州市天河区税务局',
  detectedAt: '2026-12-03T02:00:00Z',
  publishedAt: '2026-12-02T23:10:00Z', // 07:10 Shanghai: posted hours before the service found it
  firstSeenAt: '2026-12-03T01:55:00Z', // 09:55 Shanghai
  lastSeenAt: '2026-12-03T02:30:00Z',
  itemCount: 2,
  sourceCount: 2,
  centralSourceCount: 0,
  peakItemsPerHour: 2,
  heat: 12.5,
  spread: [],
  actions: [],
  asOf: '2026-12-03T03:00:00Z',
};

describe('舆情专报 draft: when the first post appeared', () => {
  it('states the post’s own publication time, not when the service ingested it', () => {
    const { spread } = draftSpecialReport(figures, '国家税务总局广州市税务局');
    expect(spread).toContain('首条信息发布于 2026-12-03 07:10');
    expect(spread).not.toContain('09:55');
  });

  it('without a publication time, says when it was found, labelled as such', () => {
    for (const publishedAt of [null, undefined]) {
      const { spread } = draftSpecialReport({ ...figures, publishedAt }, '国家税务总局广州市税务局');
      expect(spread).toContain('首条信息发现于 2026-12-03 09:55');
      expect(spread).not.toContain('发布于');
    }
  });
});
