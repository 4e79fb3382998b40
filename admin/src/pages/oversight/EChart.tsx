import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, GridComponent, TitleComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/**
 * One ECharts chart (its own lazy chunk with the echarts core). `onClick` gets the clicked item's
 * index in the category axis (drill-down). The option is applied again whenever `signature` changes.
 */
export default function EChart({ option, height, onClick, signature, testId }: { option: Record<string, unknown>; height: number; onClick?: (index: number) => void; signature: string; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.setOption({ animation: false, ...option });
    chart.on('click', (p) => click.current?.(p.dataIndex));
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [signature]); // eslint-disable-line react-hooks/exhaustive-deps

  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} />;
}
