import { useEffect, useRef, useState } from 'react';
import { call } from '../api';

/**
 * Enterprises searched by name or credit code inside the account's scope (org.listEnterprises),
 * debounced, latest answer only. Names seen are remembered so picked ids keep their labels.
 */
export function useEnterpriseSearch() {
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

  /** The options with the picked ids first when the current search does not list them. */
  const withPicked = (picked: readonly string[]) => [
    ...picked.filter((id) => !options.some((o) => o.value === id)).map((id) => ({ value: id, label: names.current.get(id) ?? `企业 ${id.slice(-6)}` })),
    ...options,
  ];
  return { options, searching, search, withPicked, nameOf: (id: string) => names.current.get(id) };
}
