import { decodeEntities, sanitizeArticleHtml } from './sanitizeHtml';

const clean = (s: string) => sanitizeArticleHtml(s).html;
const IMG = 'cloud://env-1.bucket/uploads/abcdef0123456789/20260101/0123456789abcdef0123-100.png';

describe('sanitizeArticleHtml', () => {
  it('keeps the allowed structure and text', () => {
    expect(clean('<h2>标题</h2><p>第一段<strong>重点</strong><br>换行</p><ul><li>一</li><li>二</li></ul>')).toBe(
      '<h2>标题</h2><p>第一段<strong>重点</strong><br>换行</p><ul><li>一</li><li>二</li></ul>',
    );
    expect(clean('<table><tbody><tr><td colspan="2">合并</td></tr></tbody></table>')).toBe('<table><tbody><tr><td colspan="2">合并</td></tr></tbody></table>');
  });

  it.each([
    ['<script>alert(1)</script><p>ok</p>', '<p>ok</p>'],
    ['<SCRIPT SRC=//evil.example/x.js></SCRIPT>ok', 'ok'],
    ['<style>p{display:none}</style>ok', 'ok'],
    ['<p onclick="alert(1)" style="color:red" class="x" id="y">t</p>', '<p>t</p>'],
    ['<a href="javascript:alert(1)">link</a>', 'link'],
    ['<a href="https://evil.example">外链</a>', '外链'],
    ['<img src=x onerror=alert(1)>', ''],
    ['<img src="https://evil.example/track.png">', ''],
    ['<img src="javascript:alert(1)">', ''],
    ['<iframe src="https://evil.example"></iframe>after', 'after'],
    ['<svg><script>alert(1)</script><p>in svg</p></svg>after', 'after'],
    ['<!-- <script>alert(1)</script> -->ok', 'ok'],
    ['<!DOCTYPE html><p>x</p>', '<p>x</p>'],
    ['<form action="/x"><input name=a><button>b</button></form>', 'b'],
    ['<math><mi xlink:href="javascript:alert(1)">m</mi></math>ok', 'ok'],
    ['<p>1 < 2 && 3 > 2</p>', '<p>1 &lt; 2 &amp;&amp; 3 &gt; 2</p>'],
    ['<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['<scr<script>ipt>alert(1)</script>', 'ipt&gt;alert(1)'],
    ['<p>unclosed<strong>bold', '<p>unclosed<strong>bold</strong></p>'],
    ['</p></div>stray', 'stray'],
    ['<b><i>mis</b>nested</i>', '<b><i>mis</i></b>nested'],
    ['<p>zero\u200bwidth\u202eflip</p>', '<p>zerowidthflip</p>'],
    ['<script>never closed <p>x</p>', ''],
    ['<textarea><img src=x onerror=alert(1)></textarea>ok', 'ok'],
    ['<p title="a" data-x="1">t</p>', '<p>t</p>'],
  ])('hostile input %#: %s', (input, expected) => {
    expect(clean(input)).toBe(expected);
  });

  it('keeps cloud images, reports them, and refuses anything else as src', () => {
    const r = sanitizeArticleHtml(`<p><img alt="图" src="${IMG}" onload="x()"></p><img src="cloud://env-1.bucket/../../etc/passwd">`);
    expect(r.html).toBe(`<p><img alt="图" src="${IMG}"></p>`);
    expect(r.imageFileIDs).toEqual([IMG]);
  });

  it('escapes attribute values that try to break out', () => {
    expect(clean(`<img src="${IMG}" alt='"><script>alert(1)</script>'>`)).toBe(`<img src="${IMG}" alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">`);
  });

  it('decodes entities before checking, so encoded schemes do not pass', () => {
    expect(decodeEntities('&#106;avascript&#x3A;')).toBe('javascript:');
    expect(clean('<img src="&#99;loud://x.y/../a.png">')).toBe('');
  });

  it('is idempotent and counts visible text', () => {
    for (const s of ['<p>a &amp; b &lt; c</p><img src="' + IMG + '">', '<b><i>x</b>', 'plain & simple']) {
      const once = clean(s);
      expect(clean(once)).toBe(once);
    }
    expect(sanitizeArticleHtml('<p>  </p><script>xx</script>').textLength).toBe(0);
    expect(sanitizeArticleHtml('<p>安全</p>').textLength).toBe(2);
  });
});
