import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { call, errorMessage } from '../api';
import { buildDeptTree, deptSelectData, type DeptSelectNode } from './departments';

/**
 * Loads `load()` whenever `deps` change (or `reload()` is called). Only the latest request's answer
 * is kept: a slower earlier one arriving after it is dropped. A failure clears the data and keeps the
 * message for a LoadErrorAlert. `load` may do other synchronous work first (e.g. write the hash query).
 */
export function useLatestLoad<T>(load: () => Promise<T>, deps: DependencyList) {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const seq = useRef(0);
  const reload = useCallback(() => setNonce((n) => n + 1), []);

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    load()
      .then((r) => mine === seq.current && setData(r))
      .catch((e) => mine === seq.current && (setData(null), setError(errorMessage(e))))
      .finally(() => mine === seq.current && setLoading(false));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, nonce]);

  return { data, loading, error, reload };
}

/** The enterprise's departments as TreeSelect data (empty when they cannot be loaded: the filter just offers none). */
export function useDepartmentOptions(): DeptSelectNode[] {
  const [departments, setDepartments] = useState<DeptSelectNode[]>([]);
  useEffect(() => {
    call('org', 'listDepartments', {})
      .then(({ items }) => setDepartments(deptSelectData(buildDeptTree(items))))
      .catch(() => setDepartments([]));
  }, []);
  return departments;
}
