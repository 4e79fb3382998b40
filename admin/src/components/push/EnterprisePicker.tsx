import { Select, Spin } from 'antd';
import { useEnterpriseSearch } from '../enterpriseSearch';

/**
 * Specific enterprises for a push rule, searched by name or credit code inside the account's scope
 * (org.listEnterprises). Names of enterprises picked earlier are remembered while the page lives.
 */
export function EnterprisePicker({ value, onChange, disabled }: { value: string[]; onChange(ids: string[]): void; disabled?: boolean }) {
  const { options, searching, search, withPicked } = useEnterpriseSearch();
  return (
    <Select
      mode="multiple"
      allowClear
      showSearch
      filterOption={false}
      onSearch={search}
      onFocus={() => !options.length && search('')}
      options={withPicked(value)}
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
