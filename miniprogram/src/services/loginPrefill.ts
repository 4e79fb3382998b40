/**
 * The ID number a page hands to 登录 (e.g. registration answered "already registered"). Kept in
 * memory, not in the URL: a full ID number must not end up in the browser history or page stack.
 */
let prefill = '';

export function setLoginPrefill(idNumber: string): void {
  prefill = idNumber;
}

/** Read once. */
export function takeLoginPrefill(): string {
  const v = prefill;
  prefill = '';
  return v;
}
