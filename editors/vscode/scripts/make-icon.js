// Draws images/icon.png (128x128): a magnifying glass over three lines of text.
// Kept as a script so the icon can be regenerated without an image editor:
//   node scripts/make-icon.js
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const N = 128;
const px = Buffer.alloc(N * N * 4);
const BG = [28, 52, 84, 255];     // ink blue
const PAPER = [244, 241, 232, 255];
const LINE = [120, 132, 150, 255];
const LENS = [230, 160, 40, 255];  // amber

function set(x, y, c, a = 1) {
  if (x < 0 || y < 0 || x >= N || y >= N) return;
  const i = (y * N + x) * 4;
  for (let k = 0; k < 3; k++) px[i + k] = Math.round(px[i + k] * (1 - a) + c[k] * a);
  px[i + 3] = Math.max(px[i + 3], Math.round(255 * a));
}

// Anti-aliased coverage of a pixel by a shape given as a signed distance function.
function fill(sdf, c) {
  for (let y = 0; y < N; y++) {
    for (let x = 0; x < N; x++) {
      const d = sdf(x + 0.5, y + 0.5);
      const a = Math.min(1, Math.max(0, 0.5 - d));
      if (a > 0) set(x, y, c, a);
    }
  }
}

const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  const dx = Math.max(x0 + r - x, x - (x1 - r), 0);
  const dy = Math.max(y0 + r - y, y - (y1 - r), 0);
  return Math.hypot(dx, dy) - r;
};
const ring = (cx, cy, r, w) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) - w / 2;
const disc = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const segment = (ax, ay, bx, by, w) => (x, y) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) - w / 2;
};

fill(roundRect(4, 4, 124, 124, 22), BG);
fill(roundRect(22, 20, 94, 104, 6), PAPER);
for (const [y, len] of [[38, 56], [52, 48], [66, 56], [80, 36]]) fill(roundRect(32, y, 32 + len, y + 5, 2.5), LINE);
fill(disc(70, 64, 22), [255, 236, 200]);  // the lens tints what it covers
fill(roundRect(56, 57, 84, 62, 2.5), LINE);
fill(roundRect(56, 68, 76, 73, 2.5), LINE);
fill(ring(70, 64, 24, 8), LENS);
fill(segment(88, 82, 108, 102, 12), LENS);

// PNG: signature, IHDR, one IDAT (filter byte 0 per row), IEND.
function crc32(buf) {
  let c, crc = 0xffffffff;
  for (const b of buf) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6;
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) px.copy(raw, y * (N * 4 + 1) + 1, y * N * 4, (y + 1) * N * 4);
const png = Buffer.concat([
  Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
  chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
]);
const out = path.join(__dirname, '..', 'images', 'icon.png');
fs.writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
