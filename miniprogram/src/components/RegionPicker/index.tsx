import { useEffect, useState } from 'react';
import { ScrollView, Text, View } from '@tarojs/components';
import { Popup } from '@nutui/nutui-react-taro';
import type { RegionItem } from '@shared/contracts';
import { call } from '../../services/cloud';
import { errorMessage } from '../../utils/errors';
import './index.scss';

interface Props {
  visible: boolean;
  /** The chosen path so far (province … town), to reopen where the user left off. */
  value: RegionItem[];
  onSelect: (path: RegionItem[]) => void;
  onClose: () => void;
}

/**
 * Bottom sheet choosing a region level by level (org.listRegions, one level per call) down to the
 * town (乡镇/街道): tabs for the levels picked so far, a list of the current level's children.
 */
export function RegionPicker({ visible, value, onSelect, onClose }: Props) {
  const [path, setPath] = useState<RegionItem[]>(value);
  // The list and the parent it lists: a level's children are shown only once they arrived, never
  // the previous level's (a quick second tap would otherwise pick a province as a city).
  const [loaded, setLoaded] = useState<{ parent: string; items: RegionItem[] }>({ parent: '-', items: [] });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');
  // The level being chosen: children of the last picked region that has children.
  const [level, setLevel] = useState(0);

  useEffect(() => {
    if (!visible) return;
    const start = value.length ? value.length - 1 : 0;
    setPath(value);
    setLevel(start);
  }, [visible]); // eslint-disable-line react-hooks/exhaustive-deps

  const parentCode = level > 0 ? path[level - 1]?.code : undefined;
  useEffect(() => {
    if (!visible) return;
    let live = true;
    setLoading(true);
    setError('');
    call('org', 'listRegions', parentCode ? { parentCode } : {})
      .then((r) => live && setLoaded({ parent: parentCode ?? '', items: r.items }))
      .catch((err) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [visible, parentCode]);

  const pick = (item: RegionItem) => {
    const next = [...path.slice(0, level), item];
    setPath(next);
    if (item.hasChildren) setLevel(level + 1);
    else onSelect(next);
  };

  const ready = !loading && !error && loaded.parent === (parentCode ?? '');
  const items = ready ? loaded.items : [];
  const tabs = [...path.slice(0, level).map((p) => p.name), '请选择'];
  const current = path[level]?.code;

  return (
    <Popup visible={visible} position='bottom' round className='region-picker' onClose={onClose}>
      <View className='region-picker__head'>
        <Text className='region-picker__title'>选择所在区域</Text>
        <Text className='region-picker__close' onClick={onClose}>
          取消
        </Text>
      </View>
      <View className='region-picker__tabs'>
        {tabs.map((t, i) => (
          <Text key={i} className={`region-picker__tab ${i === level ? 'region-picker__tab--active' : ''}`} onClick={() => setLevel(i)}>
            {t}
          </Text>
        ))}
      </View>
      {/* --of-<parent>: which level is listed (journeys wait on it, not on time). */}
      <ScrollView scrollY className={`region-picker__body ${ready ? `region-picker__body--ready region-picker__body--of-${parentCode ?? 'root'}` : ''}`}>
        {!ready && !error && <Text className='region-picker__state'>加载中…</Text>}
        {!loading && error && <Text className='region-picker__state region-picker__state--error'>{error}</Text>}
        {items.map((r) => (
          <View key={r.code} className={`region-picker__item ${r.code === current ? 'region-picker__item--active' : ''}`} onClick={() => pick(r)}>
            <Text>{r.name}</Text>
            {r.code === current && <Text className='region-picker__check'>✓</Text>}
          </View>
        ))}
      </ScrollView>
    </Popup>
  );
}
