// The bulletin's three charts, rendered on the server as SVG by Apache ECharts (server-side rendering: no DOM, no
// canvas). The chart data is built from the figures alone (pure, unit-tested); the text is set in DOCUMENT_FONT_FAMILY,
// which the PDF maps to its embedded Chinese font and the HTML page to the reader's.
import * as echarts from 'echarts';
import { DOCUMENT_FONT_FAMILY } from '@huiying/platform';
import type { BulletinFigures } from './bulletin-figures';
import { CHANNEL_LABELS, GRADE_LABELS, label } from './bulletin-labels';

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 320;

export interface BarChartData {
  title: string;
  categories: string[];
  /** On-time rate in percent, one decimal. */
  values: number[];
}
export interface LineChartData {
  title: string;
  months: string[];
  series: { name: string; values: number[] }[];
}
export interface StackedBarChartData {
  title: string;
  categories: string[];
  series: { name: string; values: number[] }[];
}

export interface BulletinCharts {
  onTimeByDepartment: string;
  volumeByChannel: string;
  gradesByDepartment: string;
}

const percent = (r: number) => Math.round(r * 1000) / 10;

/** On-time rate per ranked department (those with something due), best first. */
export function onTimeChartData(f: BulletinFigures): BarChartData {
  const rated = f.departments.filter((d) => d.onTimeRate !== null);
  return { title: '各单位按时办理率（%）', categories: rated.map((d) => d.name), values: rated.map((d) => percent(d.onTimeRate as number)) };
}

/** Cases received per month and channel over the trend window. */
export function volumeChartData(f: BulletinFigures): LineChartData {
  return {
    title: '月度收案量（按来源渠道）',
    months: f.volumeByChannel.months.map((m) => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`),
    series: f.volumeByChannel.series.map((s) => ({ name: label(CHANNEL_LABELS, s.channel), values: s.counts })),
  };
}

/** Opinion cases received per department, stacked by grade. */
export function gradeChartData(f: BulletinFigures): StackedBarChartData {
  const names = new Map(f.departments.map((d) => [d.department, d.name]));
  return {
    title: '各单位收案分级（舆情）',
    categories: f.gradesByDepartment.departments.map((d) => names.get(d) ?? d),
    series: f.gradesByDepartment.series.map((s) => ({ name: label(GRADE_LABELS, s.grade), values: s.counts })),
  };
}

function render(option: echarts.EChartsCoreOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: DOCUMENT_FONT_FAMILY }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const title = (text: string) => ({ text, left: 'center', textStyle: { fontFamily: DOCUMENT_FONT_FAMILY, fontSize: 14 } });
const axisLabel = { fontFamily: DOCUMENT_FONT_FAMILY, interval: 0, rotate: 30 };

export function renderBarChart(d: BarChartData): string {
  return render({
    title: title(d.title),
    grid: { left: 50, right: 20, top: 40, bottom: 70 },
    xAxis: { type: 'category', data: d.categories, axisLabel },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [{ type: 'bar', data: d.values, label: { show: true, position: 'top', fontFamily: DOCUMENT_FONT_FAMILY } }],
  });
}

export function renderLineChart(d: LineChartData): string {
  return render({
    title: title(d.title),
    legend: { bottom: 0, textStyle: { fontFamily: DOCUMENT_FONT_FAMILY } },
    grid: { left: 50, right: 20, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: d.months, axisLabel: { fontFamily: DOCUMENT_FONT_FAMILY } },
    yAxis: { type: 'value', minInterval: 1 },
    series: d.series.map((s) => ({ type: 'line', name: s.name, data: s.values })),
  });
}

export function renderStackedBarChart(d: StackedBarChartData): string {
  return render({
    title: title(d.title),
    legend: { bottom: 0, textStyle: { fontFamily: DOCUMENT_FONT_FAMILY } },
    grid: { left: 50, right: 20, top: 40, bottom: 90 },
    xAxis: { type: 'category', data: d.categories, axisLabel },
    yAxis: { type: 'value', minInterval: 1 },
    series: d.series.map((s) => ({ type: 'bar', stack: 'grade', name: s.name, data: s.values })),
  });
}

export function renderBulletinCharts(f: BulletinFigures): BulletinCharts {
  return {
    onTimeByDepartment: renderBarChart(onTimeChartData(f)),
    volumeByChannel: renderLineChart(volumeChartData(f)),
    gradesByDepartment: renderStackedBarChart(gradeChartData(f)),
  };
}
