import type { CSSProperties } from 'react';
import { Select, Spin } from 'antd';
import { useEnterpriseSearch } from './enterpriseSearch';

/** One enterprise in the account's scope, searched by name or credit code (filters, 逢查必考). */
export function EnterpriseSelect(props: { value?: string; onChange(id: string | undefined): void; placeholder?: string; style?: CSSProperties; testId?: string; id?: string }) {
  const { options, searching, search, withPicked } = useEnterpriseSearch();
  return (
    <Select
      id={props.id}
      allowClear
      showSearch
      filterOption={false}
      onSearch={search}
      onFocus={() => !options.length && search('')}
      options={withPicked(props.value ? [props.value] : [])}
      value={props.value}
      onChange={(v?: string) => props.onChange(v || undefined)}
      placeholder={props.placeholder ?? '输入企业名称或信用代码搜索'}
      notFoundContent={searching ? <Spin size="small" /> : '没有找到企业'}
      style={props.style}
      data-testid={props.testId}
    />
  );
}
