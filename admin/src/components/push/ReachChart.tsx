import { useEffect, useRef } from 'react';
import { Typography } from 'antd';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ReachBucket } from '@shared/contracts/courses';
import { PRIMARY } from '../../theme';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** Horizontal bars (persons, enterprises) per bucket; its own lazy chunk with the echarts core. */
export default function ReachChart({ title, buckets, testId }: { title: string; buckets: readonly ReachBucket[]; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const rows = [...buckets].filter((b) => b.persons > 0 || b.enterprises > 0).sort((a, b) => b.persons - a.persons).slice(0, 12).reverse();
  const height = Math.max(120, rows.length * 28 + 56);

  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 24, top: 28, bottom: 4, containLabel: true },
      legend: { top: 0, right: 0, itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 12 } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef1f6' } } },
      yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { width: 96, overflow: 'truncate' } },
      series: [
        { name: '人数', type: 'bar', data: rows.map((r) => r.persons), itemStyle: { color: PRIMARY }, barMaxWidth: 12, label: { show: true, position: 'right', fontSize: 11 } },
        { name: '企业数', type: 'bar', data: rows.map((r) => r.enterprises), itemStyle: { color: '#7fb3f0' }, barMaxWidth: 12 },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [rows.map((r) => `${r.code}:${r.persons}:${r.enterprises}`).join(',')]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div style={{ marginTop: 16 }} data-testid={testId}>
      <Typography.Text type="secondary">{title}</Typography.Text>
      {rows.length === 0 ? (
        <div style={{ padding: 12, color: 'rgba(0,0,0,0.45)' }}>无数据</div>
      ) : (
        <div ref={el} style={{ width: '100%', height }} />
      )}
      {buckets.length > 12 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          仅显示人数最多的 12 项
        </Typography.Text>
      )}
    </div>
  );
}
