import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReachPreview } from '@shared/contracts/courses';
import type { PushRule } from '@shared/learning/pushRule';
import { errorMessage } from '../../api';

/**
 * 覆盖预览 of a push rule being edited (courses, exams): recomputed by `load` (count queries on the
 * server) half a second after the rule stops changing; only the latest answer is kept. `ready`
 * false holds the first request back (an editor still loading the stored rule).
 */
export function useReachPreview(rule: PushRule, load: (rule: PushRule) => Promise<ReachPreview>, ready = true) {
  const [reach, setReach] = useState<ReachPreview | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const [reachKey, setReachKey] = useState<string | null>(null);
  const ruleKey = useMemo(() => JSON.stringify(rule), [rule]);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    if (!ready) return;
    const mine = ++seq.current;
    setLoading(true);
    const t = setTimeout(() => {
      loadRef
        .current(JSON.parse(ruleKey) as PushRule)
        .then((r) => mine === seq.current && (setReach(r), setError(null), setReachKey(ruleKey)))
        .catch((e) => mine === seq.current && setError(errorMessage(e)))
        .finally(() => mine === seq.current && setLoading(false));
    }, 500);
    return () => clearTimeout(t);
  }, [ruleKey, nonce, ready]);
  return { reach, loading, error, refresh: () => setNonce((n) => n + 1), stale: reachKey !== null && reachKey !== ruleKey };
}
