import { useState } from 'react';
import { App } from 'antd';
import type { RegionItem } from '@shared/contracts/org';
import { call, errorMessage } from '../api';

/** A region in an antd Cascader loaded level by level (RegionPicker, RegionMultiPicker). */
export interface RegionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: RegionOption[];
  loading?: boolean;
}

const toOption = (r: RegionItem): RegionOption => ({ value: r.code, label: r.name, isLeaf: !r.hasChildren || r.code.length >= 9 });

/** The regions directly below `parentCode` (the provinces without it), from org.listRegions. */
export const regionChildren = async (parentCode?: string): Promise<RegionOption[]> =>
  (await call('org', 'listRegions', parentCode ? { parentCode } : {})).items.map(toOption);

/**
 * The cascader's options and its `loadData`: opening a node loads its children; a failed load shows
 * the error and leaves the children unset, so opening it again retries.
 */
export function useRegionOptions() {
  const { message } = App.useApp();
  const [options, setOptions] = useState<RegionOption[]>([]);
  const loadData = async (selected: RegionOption[]) => {
    const target = selected[selected.length - 1];
    target.loading = true;
    setOptions((o) => [...o]);
    try {
      target.children = await regionChildren(target.value);
      if (!target.children.length) target.isLeaf = true;
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      target.loading = false;
      setOptions((o) => [...o]);
    }
  };
  return { options, setOptions, loadData };
}
