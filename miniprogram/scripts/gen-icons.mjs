// Generates the app's PNG icons (tab bar, state illustrations, brand emblem) from simple vector
// shapes, so no image is downloaded or hand-drawn. Run: node miniprogram/scripts/gen-icons.mjs
// Output goes to miniprogram/src/assets/ and is checked in.
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '../src/assets');

// ---- PNG encoding (RGBA, 8 bit) ----
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};
function encodePng(w, h, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) rgba.copy(raw, y * (w * 4 + 1) + 1, y * w * 4, (y + 1) * w * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- Shapes: predicates in a 24×24 design grid, rasterised with 4×4 supersampling ----
const segDist = (px, py, [ax, ay], [bx, by]) => {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
};
const polyline = (pts, w) => (x, y) => pts.slice(1).some((p, i) => segDist(x, y, pts[i], p) <= w / 2);
const ring = (cx, cy, r, w) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) <= w / 2;
const disc = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) <= r;
const roundBox = (x0, y0, x1, y1, r) => (x, y) => {
  const qx = Math.abs(x - (x0 + x1) / 2) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - (y0 + y1) / 2) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const boxFill = (x0, y0, x1, y1, r) => { const d = roundBox(x0, y0, x1, y1, r); return (x, y) => d(x, y) <= 0; };
const boxStroke = (x0, y0, x1, y1, r, w) => { const d = roundBox(x0, y0, x1, y1, r); return (x, y) => Math.abs(d(x, y)) <= w / 2; };
const union = (...fs) => (x, y) => fs.some((f) => f(x, y));
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);
const clipY = (f, maxY) => (x, y) => y <= maxY && f(x, y);

const W = 1.9; // stroke width in grid units
const ICONS = {
  home: union(
    polyline([[2.6, 11.4], [12, 3.6], [21.4, 11.4]], W),
    polyline([[5.6, 10], [5.6, 20.4], [18.4, 20.4], [18.4, 10]], W),
    polyline([[10, 20.4], [10, 15], [14, 15], [14, 20.4]], W),
  ),
  study: union(
    polyline([[12, 7], [3, 5], [3, 18.2], [12, 20.2], [21, 18.2], [21, 5], [12, 7], [12, 20.2]], W),
    polyline([[6, 9.4], [9, 10.1]], W * 0.8),
    polyline([[6, 12.8], [9, 13.5]], W * 0.8),
  ),
  exam: union(
    boxStroke(4.8, 4.4, 19.2, 21.4, 2.2, W),
    boxFill(8.6, 2.4, 15.4, 6.4, 1.2),
    polyline([[8.4, 13.6], [11, 16.2], [15.8, 11.2]], W),
  ),
  mine: union(ring(12, 8.2, 4.2, W), clipY(ring(12, 22, 8, W), 21)),
};
// Shield: flat top, straight sides, parabolic taper to a point; drawn as an outline with a check.
const inShield = (x, y) => {
  if (y < 3 || y > 21.6) return false;
  const half = y < 11 ? 8 : 8 * (1 - ((y - 11) / 10.6) ** 2);
  return Math.abs(x - 12) <= half;
};
const EMBLEM = union(
  (x, y) => {
    const d = 1.7;
    return inShield(x, y) && !(inShield(x - d, y) && inShield(x + d, y) && inShield(x, y - d) && inShield(x, y + d));
  },
  polyline([[8, 12.2], [11, 15.2], [16.4, 9.6]], 2.1),
);
const ILLUSTRATIONS = {
  // name: [shape, background circle colour, foreground colour]
  'state-search': [union(ring(10.6, 10.6, 4.6, 1.6), polyline([[14, 14], [17.6, 17.6]], 2.2)), '#e8f0fb', '#1d5fbf'],
  'state-error': [union(ring(12, 12, 6.6, 1.6), polyline([[12, 8.6], [12, 12.8]], 1.8), disc(12, 15.4, 1.1)), '#fdf0e4', '#d9822b'],
  'state-study': [ICONS.study, '#e8f0fb', '#1d5fbf'],
  'state-exam': [ICONS.exam, '#e8f0fb', '#1d5fbf'],
  avatar: [ICONS.mine, '#e8f0fb', '#7f9cc8'],
};

const hex = (c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));

/** Rasterise `shape` (24-grid) into size×size; optional background disc; `inset` shrinks the icon. */
function render(size, shape, fg, bg, inset = 0) {
  const buf = Buffer.alloc(size * size * 4);
  const [fr, fgc, fb] = hex(fg);
  const bgc = bg ? hex(bg) : null;
  const S = 4;
  const scale = 24 / (size * (1 - 2 * inset));
  const off = size * inset;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let cov = 0, bgCov = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = px + (sx + 0.5) / S, y = py + (sy + 0.5) / S;
          if (shape((x - off) * scale, (y - off) * scale)) cov++;
          if (bgc && Math.hypot(x - size / 2, y - size / 2) <= size / 2 - 0.5) bgCov++;
        }
      }
      const a = cov / (S * S), ab = bgCov / (S * S);
      const i = (py * size + px) * 4;
      if (bgc) {
        // foreground over an opaque disc
        buf[i] = Math.round(fr * a + bgc[0] * (1 - a));
        buf[i + 1] = Math.round(fgc * a + bgc[1] * (1 - a));
        buf[i + 2] = Math.round(fb * a + bgc[2] * (1 - a));
        buf[i + 3] = Math.round(255 * Math.max(ab, a));
      } else {
        buf[i] = fr; buf[i + 1] = fgc; buf[i + 2] = fb;
        buf[i + 3] = Math.round(255 * a);
      }
    }
  }
  return encodePng(size, size, buf);
}

const GREY = '#8a94a6';
const BLUE = '#1d5fbf';
mkdirSync(join(OUT, 'tab'), { recursive: true });
const written = [];
const save = (rel, png) => { writeFileSync(join(OUT, rel), png); written.push(`${rel} ${png.length} B`); };
for (const [name, shape] of Object.entries(ICONS)) {
  save(`tab/${name}.png`, render(81, shape, GREY, null, 0.08));
  save(`tab/${name}-active.png`, render(81, shape, BLUE, null, 0.08));
}
for (const [name, [shape, bg, fg]] of Object.entries(ILLUSTRATIONS)) save(`${name}.png`, render(192, shape, fg, bg, 0.22));
save('emblem.png', render(96, EMBLEM, '#ffffff', null, 0.02));
console.log(written.join('\n'));
