import { useEffect, useRef, useState } from 'react';
import { App, Cascader } from 'antd';
import { regionChildren, useRegionOptions, type RegionOption } from '../regionOptions';
import type { AccountView } from '@shared/contracts/identity';
import { regionPath } from '@shared/regions';
import { errorMessage } from '../../api';

/**
 * Several region subtrees for a push rule, loaded level by level. A regulator's tree starts at its
 * own region (it cannot target outside it; the server refuses it too); the sysadmin's at the
 * provinces. `value` / `onChange` are region codes (each picked node's own code); nothing = 不限.
 */
export function RegionMultiPicker({ account, value, onChange, disabled }: { account: AccountView; value: string[]; onChange(codes: string[]): void; disabled?: boolean }) {
  const { message } = App.useApp();
  const root = account.role === 'regulator' ? account.regionCode : undefined;
  const { options, setOptions, loadData } = useRegionOptions();
  const [ready, setReady] = useState(false);
  const initial = useRef(value);

  /** The cascader path of a code: from the tree's root down to it. */
  const pathOf = (code: string): string[] => {
    const full = regionPath(code);
    return root ? full.slice(full.indexOf(root)) : full;
  };

  // The roots, then the levels along each initial value so their names show.
  useEffect(() => {
    let alive = true;
    (async () => {
      const roots: RegionOption[] = root ? [{ value: root, label: account.regionName || root, isLeaf: root.length >= 9 }] : await regionChildren();
      for (const code of initial.current) {
        let level = roots;
        for (const step of pathOf(code).slice(0, -1)) {
          const node = level.find((o) => o.value === step);
          if (!node) break;
          node.children ??= await regionChildren(step).catch(() => []);
          level = node.children;
        }
      }
      if (alive) setOptions(roots);
    })()
      .catch((e) => alive && message.error(errorMessage(e)))
      .finally(() => alive && setReady(true));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [root]);

  return (
    <Cascader
      multiple
      options={options}
      loadData={loadData}
      value={ready ? value.map(pathOf) : []}
      onChange={(paths) => onChange(((paths ?? []) as string[][]).map((p) => p[p.length - 1]).filter(Boolean))}
      showCheckedStrategy={Cascader.SHOW_PARENT}
      changeOnSelect
      disabled={disabled || !ready}
      placeholder={!ready ? '正在加载区域…' : root ? `不限（${account.regionName ?? '管辖范围'}全部）` : '不限（全部区域）'}
      maxTagCount="responsive"
      style={{ width: '100%' }}
      data-testid="rule-regions"
    />
  );
}
