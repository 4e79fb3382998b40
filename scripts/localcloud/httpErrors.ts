/** A request the local cloud refuses as malformed (HTTP 400), e.g. broken percent-encoding. */
export class BadRequest extends Error {
  constructor(message = '请求格式不正确') {
    super(message);
    this.name = 'BadRequest';
  }
}

/** decodeURIComponent that answers 400 (not 500) on malformed input, and refuses NUL. */
export function decodeComponent(s: string): string {
  let out: string;
  try {
    out = decodeURIComponent(s);
  } catch {
    throw new BadRequest('请求中的百分号编码不正确');
  }
  if (out.includes('\0')) throw new BadRequest('请求中含有不允许的字符');
  return out;
}
