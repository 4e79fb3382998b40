/** Escapes user text for use inside a regular expression (search keywords). */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
