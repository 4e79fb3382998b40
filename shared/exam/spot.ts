/**
 * 逢查必考 QR text: what the console draws for a spot exam's code and what the mini-program's scanner
 * reads back. One place, so the console's list (which knows only the code) and createSpotExam's
 * `qrText` agree.
 */
export const SPOT_QR_PREFIX = 'anxue:spot:';
const CODE = /^[0-9A-Z]{6}$/;

export const spotQrText = (code: string): string => `${SPOT_QR_PREFIX}${code}`;

/** The code in a scanned text (`anxue:spot:K7M2QX`, or a bare code typed in), or null. */
export function spotCodeFromScan(text: string): string | null {
  const t = text.trim();
  const code = (t.startsWith(SPOT_QR_PREFIX) ? t.slice(SPOT_QR_PREFIX.length) : t).toUpperCase();
  return CODE.test(code) ? code : null;
}
