import { useEffect, useRef, useState } from 'react';
import { App, Cascader } from 'antd';
import { regionChildren, useRegionOptions, type RegionOption } from './regionOptions';
import { errorMessage } from '../api';

/**
 * Region field for forms, loaded level by level from org.listRegions. Starts at the provinces, or
 * below `rootCode` (a regulator picks only inside its own region). Without `changeOnSelect` a
 * leaf must be picked, i.e. down to the town (乡镇/街道). `value` is the code path.
 */
export function RegionPicker({
  value,
  onChange,
  rootCode,
  changeOnSelect = false,
  placeholder = '请选择省 / 市 / 区县 / 乡镇（街道）',
  disabled,
  id,
  testId,
}: {
  value?: string[];
  onChange?: (path: string[]) => void;
  rootCode?: string;
  changeOnSelect?: boolean;
  placeholder?: string;
  disabled?: boolean;
  id?: string;
  testId?: string;
}) {
  const { message } = App.useApp();
  const { options, setOptions, loadData } = useRegionOptions();
  const [loadingRoot, setLoadingRoot] = useState(true);
  const initialPath = useRef(value);

  // Roots, then (when editing) the levels along the current value so its labels show.
  useEffect(() => {
    let alive = true;
    setLoadingRoot(true);
    (async () => {
      const roots = await regionChildren(rootCode);
      const path = initialPath.current ?? [];
      let level = roots;
      const chain = await Promise.all(path.slice(0, -1).map((code) => regionChildren(code).catch(() => [] as RegionOption[])));
      path.slice(0, -1).forEach((code, i) => {
        const node = level.find((o) => o.value === code);
        if (!node) return;
        node.children = chain[i];
        level = chain[i];
      });
      if (alive) setOptions(roots);
    })()
      .catch((e) => alive && message.error(errorMessage(e)))
      .finally(() => alive && setLoadingRoot(false));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rootCode]);

  return (
    <Cascader<RegionOption>
      id={id}
      options={options}
      loadData={loadData}
      // Until the levels along the value are loaded, codes would show instead of names.
      value={loadingRoot ? undefined : value}
      onChange={(path) => onChange?.((path ?? []) as string[])}
      changeOnSelect={changeOnSelect}
      placeholder={loadingRoot ? '正在加载区域…' : placeholder}
      disabled={disabled}
      showSearch={false}
      allowClear
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
