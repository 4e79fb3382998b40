/**
 * A small multipart/form-data reader for the local COS emulation (POST Object): text fields plus
 * one file part. The body is already bounded by the caller; anything malformed answers null.
 */
export interface FormData {
  fields: Record<string, string>;
  file: { name: string; data: Buffer } | null;
}

export function boundaryOf(contentType: string | undefined): string | null {
  const m = /^multipart\/form-data;.*\bboundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2]) : null;
}

export function parseMultipart(body: Buffer, boundary: string): FormData | null {
  const delimiter = Buffer.from(`--${boundary}`);
  const out: FormData = { fields: {}, file: null };
  let pos = body.indexOf(delimiter);
  if (pos !== 0) return null;
  let parts = 0;
  while (true) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') return out; // closing delimiter
    if (body.subarray(pos, pos + 2).toString() !== '\r\n') return null;
    pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0 || headerEnd - pos > 8 * 1024) return null;
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) return null;
    const data = body.subarray(headerEnd + 4, next);
    const disp = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers);
    const name = disp && /\bname="([^"]*)"/.exec(disp[1]);
    if (!name || ++parts > 20) return null;
    const filename = /\bfilename="([^"]*)"/.exec(disp![1]);
    if (filename) {
      if (out.file) return null; // one file per form
      out.file = { name: filename[1], data };
    } else {
      if (data.length > 8 * 1024 || name[1] in out.fields) return null;
      out.fields[name[1]] = data.toString('utf8');
    }
    pos = next + 2;
  }
}
