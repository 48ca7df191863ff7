import * as echarts from 'echarts';
import { monthLabel } from '../figures/statistics-month';
import { MonthlySnapshot } from '../statistics.types';

/**
 * Charts as SVG strings rendered on the server by ECharts' SSR renderer: no browser script, no canvas, the same
 * picture on the console page, in the print view and in a PDF printed from it.
 */
const FONT = `'Microsoft YaHei','PingFang SC','Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif`;

function render(option: echarts.EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Negative opinion this month by child unit (and last month for comparison). */
export function regionBarChart(s: MonthlySnapshot, width = 1140, height = 400): string {
  const units = s.units;
  return render(
    {
      title: {
        text: `${monthLabel(s.month)}各单位负面舆情`,
        left: 'center',
        top: 4,
        textStyle: { fontSize: 14 },
      },
      legend: { top: 30, data: ['本月', '上月'] },
      grid: { left: 48, right: 16, top: 70, bottom: units.length > 12 ? 110 : 40 },
      xAxis: {
        type: 'category',
        data: units.map((u) => u.shortName.replace(/税务局$/, '')),
        axisLabel: { interval: 0, rotate: units.length > 12 ? 50 : 0, fontSize: 11 },
      },
      yAxis: { type: 'value', minInterval: 1, name: '起' },
      series: [
        { name: '本月', type: 'bar', data: units.map((u) => u.incidents), itemStyle: { color: '#b91c1c' } },
        {
          name: '上月',
          type: 'bar',
          data: units.map((u) => u.previousMonth),
          itemStyle: { color: '#94a3b8' },
        },
      ],
    },
    width,
    height,
  );
}

/** The scope's negative opinion over the 13 months ending with the bulletin's month. */
export function trendLineChart(s: MonthlySnapshot, width = 1140, height = 300): string {
  return render(
    {
      title: { text: '近13个月负面舆情趋势', left: 'center', top: 4, textStyle: { fontSize: 14 } },
      grid: { left: 48, right: 24, top: 48, bottom: 40 },
      xAxis: { type: 'category', data: s.trend.map((t) => t.month), axisLabel: { fontSize: 11 } },
      yAxis: { type: 'value', minInterval: 1, name: '起' },
      series: [
        {
          name: '负面舆情',
          type: 'line',
          data: s.trend.map((t) => t.incidents),
          label: { show: true, fontSize: 10 },
          itemStyle: { color: '#1d4ed8' },
        },
      ],
    },
    width,
    height,
  );
}
