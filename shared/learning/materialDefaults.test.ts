import { articleTextLength, formatStudyTime, pdfPageCount, suggestedRequiredSeconds } from './materialDefaults';

const pdf = (body: string) => new TextEncoder().encode(`%PDF-1.4\n${body}\n%%EOF`);

describe('suggestedRequiredSeconds', () => {
  it('takes a video at its duration, bounded to 30 s … 4 h', () => {
    expect(suggestedRequiredSeconds('video', { durationSeconds: 312.4 })).toBe(313);
    expect(suggestedRequiredSeconds('video', { durationSeconds: 5 })).toBe(30);
    expect(suggestedRequiredSeconds('video', { durationSeconds: 6 * 3600 })).toBe(4 * 3600);
    expect(suggestedRequiredSeconds('video', {})).toBe(30);
  });
  it('gives a document a minute per page and an article 300 characters a minute', () => {
    expect(suggestedRequiredSeconds('document', { pages: 12 })).toBe(720);
    expect(suggestedRequiredSeconds('document', {})).toBe(60);
    expect(suggestedRequiredSeconds('article', { textLength: 1500 })).toBe(300);
    expect(suggestedRequiredSeconds('article', { textLength: 10 })).toBe(30);
  });
});

describe('pdfPageCount', () => {
  it('counts page objects, not the page tree', () => {
    expect(pdfPageCount(pdf('1 0 obj << /Type /Pages /Count 3 >> endobj 2 0 obj <</Type/Page>> 3 0 obj << /Type /Page /Parent 1 0 R >> 4 0 obj <</Type /Page>>'))).toBe(3);
  });
  it('answers null for a file that is not a PDF or shows no page objects', () => {
    expect(pdfPageCount(new TextEncoder().encode('hello /Type /Page'))).toBeNull();
    expect(pdfPageCount(pdf('1 0 obj << /Type /ObjStm >> stream xx endstream'))).toBeNull();
  });
  it('reads large binary files', () => {
    const big = new Uint8Array(300_000).fill(0xff);
    const head = pdf('<</Type /Page>>');
    big.set(head, 0);
    expect(pdfPageCount(big)).toBe(1);
  });
});

it('formats study times and measures article text', () => {
  expect(formatStudyTime(3900)).toBe('1小时5分');
  expect(formatStudyTime(7200)).toBe('2小时');
  expect(formatStudyTime(750)).toBe('12分30秒');
  expect(formatStudyTime(600)).toBe('10分钟');
  expect(formatStudyTime(45)).toBe('45秒');
  expect(articleTextLength('<p>安全&nbsp;生产</p>\n<b>第一</b>')).toBe(6);
});
