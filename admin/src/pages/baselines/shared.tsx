import { useEffect, useState } from 'react';
import { DatePicker, Select } from 'antd';
import dayjs from 'dayjs';
import type { AccountView } from '@shared/contracts/identity';
import { INDUSTRIES, type IndustryCode } from '@shared/taxonomy';
import { isPeriod } from '@shared/baselines';
import { call } from '../../api';
import { readHashQuery } from '../../router';

/** The latest period with baselines in the account's region, else this month (loads once). */
export function useDefaultPeriod(): [string, (p: string) => void, string[]] {
  const [period, setPeriod] = useState(() => {
    const q = readHashQuery().get('period') ?? '';
    return isPeriod(q) ? q : '';
  });
  const [periods, setPeriods] = useState<string[]>([]);
  useEffect(() => {
    let alive = true;
    call('imports', 'baselinePeriods', {})
      .then(({ periods: ps }) => {
        if (!alive) return;
        setPeriods(ps);
        setPeriod((p) => p || ps[0] || dayjs().format('YYYY-MM'));
      })
      .catch(() => alive && setPeriod((p) => p || dayjs().format('YYYY-MM')));
    return () => {
      alive = false;
    };
  }, []);
  return [period, setPeriod, periods];
}

export function PeriodPicker({ value, onChange, periods }: { value: string; onChange(p: string): void; periods: string[] }) {
  return (
    <DatePicker
      picker="month"
      allowClear={false}
      value={value ? dayjs(`${value}-01`) : null}
      onChange={(d) => d && onChange(d.format('YYYY-MM'))}
      format="YYYY年MM月"
      // Months that already have a list are marked in the panel.
      cellRender={(d, info) => {
        if (info.type !== 'month') return info.originNode;
        const has = periods.includes(dayjs(d).format('YYYY-MM'));
        return <div className="ant-picker-cell-inner" style={has ? { fontWeight: 600, color: '#1677ff' } : undefined}>{dayjs(d).month() + 1}月</div>;
      }}
      style={{ width: 140 }}
      data-testid="baseline-period"
    />
  );
}

/** Industries the account may see (an account limited to some industries: only those). */
export function IndustrySelect({ account, value, onChange }: { account: AccountView; value?: IndustryCode; onChange(v?: IndustryCode): void }) {
  const options = INDUSTRIES.filter((i) => !account.industries?.length || account.industries.includes(i.code)).map((i) => ({ value: i.code, label: i.label }));
  return <Select allowClear placeholder="全部行业" value={value} onChange={(v) => onChange(v)} options={options} style={{ width: 120 }} data-testid="baseline-industry" />;
}

export const fmt = (n: number | null | undefined) => (n ?? 0).toLocaleString('zh-CN');
