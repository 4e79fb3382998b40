import { useEffect, useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import { call } from '../../api';

/**
 * Specific enterprises for a push rule, searched by name or credit code inside the account's scope
 * (org.listEnterprises). Names of enterprises picked earlier are remembered while the page lives.
 */
export function EnterprisePicker({ value, onChange, disabled }: { value: string[]; onChange(ids: string[]): void; disabled?: boolean }) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [searching, setSearching] = useState(false);
  const names = useRef(new Map<string, string>());
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const search = (keyword: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const mine = ++seq.current;
      setSearching(true);
      call('org', 'listEnterprises', { keyword: keyword.trim(), page: 1, pageSize: 20 })
        .then(({ items }) => {
          if (mine !== seq.current) return;
          for (const e of items) names.current.set(e._id, e.name);
          setOptions(items.map((e) => ({ value: e._id, label: e.name })));
        })
        .catch(() => mine === seq.current && setOptions([]))
        .finally(() => mine === seq.current && setSearching(false));
    }, 300);
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  const withPicked = [...value.filter((id) => !options.some((o) => o.value === id)).map((id) => ({ value: id, label: names.current.get(id) ?? `企业 ${id.slice(-6)}` })), ...options];
  return (
    <Select
      mode="multiple"
      allowClear
      showSearch
      filterOption={false}
      onSearch={search}
      onFocus={() => !options.length && search('')}
      options={withPicked}
      value={value}
      onChange={onChange}
      disabled={disabled}
      placeholder="不限（输入企业名称或信用代码搜索）"
      notFoundContent={searching ? <Spin size="small" /> : '没有找到企业'}
      maxTagCount="responsive"
      style={{ width: '100%' }}
      data-testid="rule-enterprises"
    />
  );
}
