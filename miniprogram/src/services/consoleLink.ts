/**
 * Where the web console lives, for links the mini-program prints (the certificate's QR code points
 * at its public verification page). Baked in at build time (`ANXUE_CONSOLE_URL`, set by the deploy);
 * the H5 build on the local cloud falls back to its own origin's `/admin/`.
 */
export function consoleBase(): string {
  if (CONSOLE_URL) return CONSOLE_URL;
  if (process.env.TARO_ENV === 'h5' && typeof location !== 'undefined') return `${location.origin}/admin/`;
  return '';
}
