import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { PieChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { PERSON_OUTCOME_ZH, type PersonOutcome } from '@shared/exam/attemptState';
import { OUTCOME_COLOR, OUTCOME_ORDER } from './resultLabels';

echarts.use([PieChart, LegendComponent, TooltipComponent, CanvasRenderer]);

/** 考试结果 by outcome as a ring; its own lazy chunk with the echarts core. Clicking a slice filters. */
export default function OutcomeChart({ summary, onPick }: { summary: Record<PersonOutcome, number>; onPick?: (o: PersonOutcome) => void }) {
  const el = useRef<HTMLDivElement>(null);
  const data = OUTCOME_ORDER.filter((o) => summary[o] > 0).map((o) => ({ name: PERSON_OUTCOME_ZH[o], value: summary[o], outcome: o, itemStyle: { color: OUTCOME_COLOR[o] } }));
  const key = OUTCOME_ORDER.map((o) => summary[o]).join(',');

  useEffect(() => {
    if (!el.current || !data.length) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'item', formatter: '{b}：{c} 人（{d}%）' },
      legend: { orient: 'vertical', right: 0, top: 'middle', itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 12 } },
      series: [{ type: 'pie', radius: ['45%', '72%'], center: ['38%', '50%'], label: { show: false }, data }],
    });
    chart.on('click', (p) => onPick?.((p.data as { outcome: PersonOutcome }).outcome));
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!data.length) return <div style={{ height: 180, display: 'flex', alignItems: 'center', justifyContent: 'center', color: 'rgba(0,0,0,0.45)' }}>暂无数据</div>;
  return <div ref={el} style={{ width: '100%', height: 180 }} data-testid="outcome-chart" />;
}
