import { useEffect, useState, type CSSProperties } from 'react';
import { App, Cascader } from 'antd';
import type { AccountView } from '@shared/contracts/identity';
import type { RegionItem } from '@shared/contracts/org';
import { call, errorMessage } from '../api';

interface RegionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: RegionOption[];
  loading?: boolean;
}

const toOption = (r: RegionItem): RegionOption => ({ value: r.code, label: r.name, isLeaf: !r.hasChildren });

/**
 * Region filter loaded level by level with org.listRegions. A regulator's tree starts at its own
 * region (it cannot pick outside it; the server enforces the same); a sysadmin starts at provinces.
 * `value` is the picked path; the filter uses its last code.
 */
export function RegionCascader({
  account,
  value,
  onChange,
  style,
}: {
  account: AccountView;
  value: string[];
  onChange: (path: string[]) => void;
  style?: CSSProperties;
}) {
  const { message } = App.useApp();
  const ownRoot: RegionOption | null = account.regionCode
    ? { value: account.regionCode, label: account.regionName || account.regionCode, isLeaf: account.regionCode.length >= 9 }
    : null;
  const [options, setOptions] = useState<RegionOption[]>(ownRoot ? [ownRoot] : []);

  // Without an own region (sysadmin) the roots are the provinces.
  useEffect(() => {
    if (ownRoot) return;
    let alive = true;
    call('org', 'listRegions', {})
      .then(({ items }) => alive && setOptions(items.map(toOption)))
      .catch((e) => alive && message.error(errorMessage(e)));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [account.regionCode]);

  const loadData = async (selected: RegionOption[]) => {
    const target = selected[selected.length - 1];
    target.loading = true;
    setOptions((o) => [...o]);
    try {
      const { items } = await call('org', 'listRegions', { parentCode: target.value });
      target.children = items.map(toOption);
      if (!items.length) target.isLeaf = true;
    } catch (e) {
      message.error(errorMessage(e)); // leave children unset so opening it again retries
    } finally {
      target.loading = false;
      setOptions((o) => [...o]);
    }
  };

  return (
    <Cascader<RegionOption>
      options={options}
      loadData={loadData}
      value={value}
      onChange={(path) => onChange((path ?? []) as string[])}
      changeOnSelect
      allowClear
      placeholder={ownRoot ? '管辖范围内全部区域' : '全部区域'}
      style={style}
      data-testid="enterprise-region"
    />
  );
}
