import * as echarts from 'echarts';
import { BriefingSnapshot } from './briefing.types';

const FONT = `'Microsoft YaHei','PingFang SC','Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif`;

/** The trend as an SVG string (ECharts' server-side renderer, like the monthly bulletin): no browser script. */
export function trendChart(s: BriefingSnapshot, width = 960, height = 260): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: FONT },
      title: {
        text: s.kind === 'daily' ? '近14日负面舆情走势' : '近12周负面舆情走势',
        left: 'center',
        top: 4,
        textStyle: { fontSize: 14 },
      },
      grid: { left: 48, right: 24, top: 44, bottom: 36 },
      xAxis: { type: 'category', data: s.trend.map((t) => t.label), axisLabel: { fontSize: 11 } },
      yAxis: { type: 'value', minInterval: 1, name: '起' },
      series: [
        {
          type: 'bar',
          data: s.trend.map((t) => t.incidents),
          label: { show: true, position: 'top', fontSize: 10 },
          itemStyle: { color: '#b91c1c' },
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
