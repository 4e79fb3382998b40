import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { ScatterChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { PRIMARY } from '../../theme';

echarts.use([ScatterChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

export interface ItemPoint {
  no: number;
  stem: string;
  facility: number;
  discrimination: number | null;
  flagged: boolean;
}

/**
 * 题目分析 at a glance: facility (x) against discrimination (y) per question, flagged ones red, the
 * thresholds (facility 0.2, discrimination 0) drawn as lines. Own lazy chunk with the echarts core.
 */
export default function ItemChart({ items }: { items: readonly ItemPoint[] }) {
  const el = useRef<HTMLDivElement>(null);
  const pts = items.filter((i) => i.discrimination !== null);
  const key = pts.map((p) => `${p.no}:${p.facility}:${p.discrimination}:${p.flagged}`).join(',');

  useEffect(() => {
    if (!el.current || !pts.length) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    const series = (flagged: boolean) => ({
      type: 'scatter',
      name: flagged ? '需关注' : '正常',
      symbolSize: flagged ? 11 : 8,
      itemStyle: { color: flagged ? '#cf1322' : PRIMARY, opacity: 0.8 },
      data: pts.filter((p) => p.flagged === flagged).map((p) => ({ value: [p.facility, p.discrimination], name: `第${p.no}题：${p.stem.slice(0, 24)}` })),
    });
    chart.setOption({
      animation: false,
      grid: { left: 48, right: 24, top: 28, bottom: 40 },
      tooltip: { formatter: (p: { name: string; value: [number, number] }) => `${p.name}<br/>通过率 ${(p.value[0] * 100).toFixed(1)}%，区分度 ${p.value[1].toFixed(2)}` },
      xAxis: { type: 'value', name: '通过率', nameLocation: 'middle', nameGap: 26, min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
      yAxis: { type: 'value', name: '区分度', min: -1, max: 1, splitLine: { lineStyle: { color: '#eef1f6' } } },
      series: [
        { ...series(false), markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#faad14' }, label: { formatter: '{b}', fontSize: 11, position: 'insideEndTop' }, data: [{ xAxis: 0.2, name: '通过率 20%' }, { yAxis: 0, name: '区分度 0' }] } },
        series(true),
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!pts.length) return <div style={{ height: 240, display: 'flex', alignItems: 'center', justifyContent: 'center', color: 'rgba(0,0,0,0.45)' }}>作答人数不足，暂无区分度</div>;
  return <div ref={el} style={{ width: '100%', height: 240 }} data-testid="item-chart" />;
}
