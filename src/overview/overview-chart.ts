import * as echarts from 'echarts';

/**
 * Open incidents per child unit as a horizontal bar chart whose colour deepens with the count (a province map would
 * need boundary data the service cannot bundle). SVG rendered on the server, like the bulletin's charts.
 */
const FONT = `'Microsoft YaHei','PingFang SC','Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif`;

export function openIncidentsChart(rows: { name: string; open: number }[], width = 560): string {
  const height = Math.max(120, rows.length * 22 + 60);
  const max = Math.max(1, ...rows.map((r) => r.open));
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: FONT },
      grid: { left: 110, right: 40, top: 16, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1, name: '起' },
      // the first unit on top: ECharts draws category axes bottom-up
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => r.name.replace(/税务局$/, '')),
        axisLabel: { interval: 0, fontSize: 11 },
      },
      visualMap: {
        show: false,
        min: 0,
        max,
        dimension: 0,
        inRange: { color: ['#fde2e2', '#f87171', '#991b1b'] },
      },
      series: [
        {
          name: '未办结事件',
          type: 'bar',
          data: rows.map((r) => r.open),
          label: { show: true, position: 'right', fontSize: 11 },
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
