/**
 * The console's hash routes: exact paths, or patterns with `:name` segments (`/exams/:examId`)
 * that match one non-empty segment each.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      if (!got[i]) return null;
      try {
        params[want[i].slice(1)] = decodeURIComponent(got[i]);
      } catch {
        return null; // a malformed escape is no page
      }
    } else if (want[i] !== got[i]) return null;
  }
  return params;
}

/** `pattern` with its `:name` segments filled in (encoded). */
export function fillPath(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_, k: string) => encodeURIComponent(params[k] ?? ''));
}
