import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export interface Series {
  name: string;
  values: number[];
}

/** Colours with at least 3:1 contrast on white, told apart by the legend and the table too. */
const palette = ['#0a58ca', '#b02a37', '#1a6b3c', '#7a4b00', '#5b3d99'];

/**
 * One ECharts bar or line chart, drawn on a canvas (with ECharts' generated aria description)
 * and followed on the page by the same figures as a table.
 */
export function Chart({
  kind,
  categories,
  series,
  label,
  horizontal = false,
  locale,
}: {
  kind: 'bar' | 'line';
  categories: string[];
  series: Series[];
  label: string;
  horizontal?: boolean;
  locale: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!element.current) return;
    chart.current = echarts.init(element.current, undefined, { renderer: 'canvas', locale: locale.startsWith('zh') ? 'ZH' : 'EN' });
    const resize = new ResizeObserver(() => chart.current?.resize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, [locale]);
  useEffect(() => {
    const category = {
      type: 'category' as const,
      data: categories,
      axisLabel: { color: '#1b1f24', interval: 0, rotate: horizontal || categories.length < 8 ? 0 : 35 },
    };
    const value = { type: 'value' as const, axisLabel: { color: '#1b1f24' } };
    chart.current?.setOption(
      {
        animation: false,
        aria: { enabled: true, label: { description: label } },
        color: palette,
        tooltip: { trigger: 'axis' },
        legend: series.length > 1 ? { top: 0, textStyle: { color: '#1b1f24' } } : undefined,
        grid: { left: 8, right: 16, top: series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
        xAxis: horizontal ? value : category,
        yAxis: horizontal ? { ...category, inverse: true } : value,
        series: series.map((s) => ({ type: kind, name: s.name, data: s.values, symbolSize: 7, lineStyle: { width: 3 } })),
      },
      true,
    );
  }, [kind, categories, series, label, horizontal, locale]);
  return <div ref={element} className="chart" role="img" aria-label={label} />;
}
