// Generates the PWA's PNG icons with Node's built-in zlib only (no sharp, no canvas):
// a car silhouette on the brand colour. Run `node scripts/make-icons.mjs`; the output is committed
// in public/icons so builds need nothing native.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const OUT = fileURLToPath(new URL('../public/icons/', import.meta.url));
const BRAND = [29, 78, 216]; // --brand in src/styles/theme.css (#1d4ed8)
const WHITE = [255, 255, 255];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Signed distance to a rounded box centred at (cx, cy) with half sizes (hx, hy) and radius r. */
function roundedBox(x, y, cx, cy, hx, hy, r) {
  const qx = Math.abs(x - cx) - hx + r;
  const qy = Math.abs(y - cy) - hy + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;

/** The car glyph in a unit square (0..1): true where the pixel is white. */
function carAt(x, y) {
  const body = roundedBox(x, y, 0.5, 0.56, 0.34, 0.1, 0.06);
  // Cabin: a box whose sides slope inwards towards the roof.
  const t = Math.min(Math.max((0.46 - y) / 0.16, 0), 1);
  const cabin = roundedBox(x, y, 0.49, 0.38, 0.2 - 0.06 * t, 0.1, 0.05);
  const windows = Math.min(roundedBox(x, y, 0.42, 0.39, 0.065 - 0.03 * t, 0.055, 0.02), roundedBox(x, y, 0.57, 0.39, 0.065 - 0.03 * t, 0.055, 0.02));
  const wheelL = circle(x, y, 0.32, 0.67, 0.085);
  const wheelR = circle(x, y, 0.68, 0.67, 0.085);
  const wheelGap = Math.min(circle(x, y, 0.32, 0.67, 0.12), circle(x, y, 0.68, 0.67, 0.12));
  const shell = Math.min(body, cabin);
  const inShell = shell < 0 && windows > 0 && wheelGap > 0;
  return inShell || wheelL < 0 || wheelR < 0;
}

/** Renders an icon; `scale` shrinks the glyph (maskable icons keep it in the 80% safe zone). */
function render(size, { scale, rounded }) {
  const buf = Buffer.alloc(size * size * 4);
  const S = 4; // 4x4 supersampling for anti-aliasing
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let glyph = 0;
      let inside = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const u = (px + (sx + 0.5) / S) / size;
          const v = (py + (sy + 0.5) / S) / size;
          const bg = rounded ? roundedBox(u, v, 0.5, 0.5, 0.5, 0.5, 0.22) < 0 : true;
          if (!bg) continue;
          inside++;
          if (carAt(0.5 + (u - 0.5) / scale, 0.5 + (v - 0.5) / scale)) glyph++;
        }
      }
      const a = inside / (S * S);
      const g = inside === 0 ? 0 : glyph / inside;
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) buf[i + c] = Math.round(BRAND[c] * (1 - g) + WHITE[c] * g);
      buf[i + 3] = Math.round(a * 255);
    }
  }
  return png(size, buf);
}

mkdirSync(OUT, { recursive: true });
const files = {
  'icon-192.png': render(192, { scale: 0.9, rounded: true }),
  'icon-512.png': render(512, { scale: 0.9, rounded: true }),
  'maskable-512.png': render(512, { scale: 0.72, rounded: false }),
  'apple-touch-icon-180.png': render(180, { scale: 0.8, rounded: false }),
};
for (const [name, data] of Object.entries(files)) {
  writeFileSync(OUT + name, data);
  process.stdout.write(`${name}: ${data.length} bytes\n`);
}
