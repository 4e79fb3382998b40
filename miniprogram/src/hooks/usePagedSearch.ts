import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../utils/errors';

export interface PageResult<T> {
  items: T[];
  hasMore: boolean;
}

export type SearchStatus = 'loading' | 'ready' | 'error';

export interface PagedSearch<T> {
  keyword: string;
  items: T[];
  hasMore: boolean;
  /** State of the first page for the current keyword. */
  status: SearchStatus;
  /** Loading or failing a further page keeps the list visible. */
  moreStatus: 'idle' | 'loading' | 'error';
  error: string;
  /** Typing: searches after `debounceMs` of quiet. */
  setKeyword: (keyword: string) => void;
  /** Confirm / retry: searches now. */
  search: (keyword?: string) => void;
  loadMore: () => void;
}

/**
 * Keyword search with paging: debounced typing, immediate confirm, "load more", retry, and
 * protection against out-of-order answers (only the latest request may update the list).
 */
export function usePagedSearch<T>(
  fetchPage: (keyword: string, page: number) => Promise<PageResult<T>>,
  debounceMs = 300,
): PagedSearch<T> {
  const [keyword, setKeywordState] = useState('');
  const [items, setItems] = useState<T[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [status, setStatus] = useState<SearchStatus>('loading');
  const [moreStatus, setMoreStatus] = useState<'idle' | 'loading' | 'error'>('idle');
  const [error, setError] = useState('');

  const seq = useRef(0); // id of the latest request; older answers are dropped
  const page = useRef(1);
  const query = useRef(''); // keyword the current list belongs to
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const run = useCallback(async (kw: string, pageNo: number) => {
    const id = ++seq.current;
    if (pageNo === 1) {
      query.current = kw;
      setStatus('loading');
      setMoreStatus('idle');
    } else {
      setMoreStatus('loading');
    }
    try {
      const res = await fetchRef.current(kw, pageNo);
      if (id !== seq.current) return;
      page.current = pageNo;
      setItems((prev) => (pageNo === 1 ? res.items : [...prev, ...res.items]));
      setHasMore(res.hasMore);
      if (pageNo === 1) setStatus('ready');
      else setMoreStatus('idle');
    } catch (err) {
      if (id !== seq.current) return;
      setError(errorMessage(err));
      if (pageNo === 1) setStatus('error');
      else setMoreStatus('error');
    }
  }, []);

  const search = useCallback(
    (kw?: string) => {
      clearTimeout(timer.current);
      void run((kw ?? query.current).trim(), 1);
    },
    [run],
  );

  const setKeyword = useCallback(
    (kw: string) => {
      setKeywordState(kw);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        if (kw.trim() !== query.current) void run(kw.trim(), 1);
      }, debounceMs);
    },
    [run, debounceMs],
  );

  const loadMore = useCallback(() => {
    if (status !== 'ready' || !hasMore || moreStatus === 'loading') return;
    void run(query.current, page.current + 1);
  }, [run, status, hasMore, moreStatus]);

  // First page on mount (empty keyword lists enterprises); cancel a pending debounce on unmount.
  useEffect(() => {
    void run('', 1);
    return () => {
      clearTimeout(timer.current);
      seq.current++;
    };
  }, [run]);

  return { keyword, items, hasMore, status, moreStatus, error, setKeyword, search, loadMore };
}
