// Synthetic images for the upload tests (no binary fixtures in the repository): a page of
// "text-like" glyphs laid out the way Chinese documents are (full-width characters on a grid,
// paragraphs with a two-character first-line indent and a ragged last line, a centred title, a
// right-aligned signature and date), plus blank pages and photos. Deterministic (seeded).
import sharp, { type Sharp } from 'sharp';

/** mulberry32: a small seeded generator, so every run draws the same page. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface TextPageOptions {
  width?: number;
  height?: number;
  seed?: number;
  /** Glyph size in pixels (a 小四/12 pt character at 150 dpi is about 25 px). */
  charSize?: number;
  paragraphs?: number;
  /** Grey level of the paper and of the ink. */
  paper?: number;
  ink?: number;
  /** Gaussian noise (standard deviation in grey levels), like a scanner's sensor. */
  noise?: number;
}

function fillRect(img: GreyImage, x: number, y: number, w: number, h: number, value: number): void {
  for (let yy = Math.max(0, y); yy < Math.min(img.height, y + h); yy++) {
    img.data.fill(value, yy * img.width + Math.max(0, x), yy * img.width + Math.min(img.width, x + w));
  }
}

/** One pseudo-character: a few horizontal and vertical strokes inside its square, like a hanzi. */
function drawGlyph(img: GreyImage, x: number, y: number, size: number, ink: number, rnd: () => number): void {
  const stroke = Math.max(2, Math.round(size / 10));
  const strokes = 3 + Math.floor(rnd() * 4);
  for (let i = 0; i < strokes; i++) {
    if (rnd() < 0.55) {
      const sx = x + Math.floor(rnd() * size * 0.4);
      const len = Math.floor(size * (0.4 + rnd() * 0.6));
      fillRect(img, sx, y + Math.floor(rnd() * (size - stroke)), Math.min(len, x + size - sx), stroke, ink);
    } else {
      const sy = y + Math.floor(rnd() * size * 0.4);
      const len = Math.floor(size * (0.4 + rnd() * 0.6));
      fillRect(img, x + Math.floor(rnd() * (size - stroke)), sy, stroke, Math.min(len, y + size - sy), ink);
    }
  }
}

export function drawTextPage(options: TextPageOptions = {}): GreyImage {
  const width = options.width ?? 1240;
  const height = options.height ?? 1754;
  const size = options.charSize ?? 26;
  const rnd = seededRandom(options.seed ?? 1);
  const img: GreyImage = { width, height, data: new Uint8Array(width * height).fill(options.paper ?? 245) };
  const ink = options.ink ?? 25;
  const pitch = Math.round(size * 1.1); // full-width characters: the glyph fills ~90 % of its em
  const lineStep = Math.round(size * 1.8); // 公文-like line spacing
  const margin = Math.round(width * 0.1);
  const perLine = Math.floor((width - 2 * margin) / pitch);
  let y = Math.round(height * 0.08);

  // Title: larger glyphs, centred.
  const titleSize = Math.round(size * 1.5);
  const titleChars = 8;
  let x = Math.round((width - titleChars * titleSize * 1.1) / 2);
  for (let i = 0; i < titleChars; i++, x += Math.round(titleSize * 1.1)) drawGlyph(img, x, y, titleSize, ink, rnd);
  y += Math.round(titleSize * 2.2);

  const paragraphs = options.paragraphs ?? 5;
  const bottom = height - Math.round(height * 0.1) - 3 * lineStep;
  for (let p = 0; p < paragraphs && y < bottom; p++) {
    const lines = 3 + Math.floor(rnd() * 4);
    for (let l = 0; l < lines && y < bottom; l++, y += lineStep) {
      const first = l === 0;
      const last = l === lines - 1;
      const start = first ? 2 : 0;
      const end = last ? Math.max(start + 3, Math.floor(perLine * (0.25 + rnd() * 0.6))) : perLine;
      for (let c = start; c < end; c++) {
        if (rnd() < 0.06) {
          // Full-width punctuation: a small mark in the lower left of its square.
          fillRect(img, margin + c * pitch + 2, y + size - Math.round(size / 4), Math.round(size / 5), Math.round(size / 5), ink);
        } else {
          drawGlyph(img, margin + c * pitch, y, size, ink, rnd);
        }
      }
    }
  }
  // Signature and date, right-aligned four characters from the margin (GB/T 9704: 右空四字).
  y += lineStep;
  for (const chars of [6, 9]) {
    const endX = width - margin - 4 * pitch;
    for (let c = 0; c < chars; c++) drawGlyph(img, endX - (chars - c) * pitch, y, size, ink, rnd);
    y += lineStep;
  }
  if (options.noise) addNoise(img, options.noise, options.seed ?? 1);
  return img;
}

/** A form (登记表): ruled table, labels in the left column, short entries on the right. */
export function drawFormPage(options: { width?: number; height?: number; seed?: number; charSize?: number } = {}): GreyImage {
  const width = options.width ?? 1240;
  const height = options.height ?? 1754;
  const size = options.charSize ?? 24;
  const rnd = seededRandom(options.seed ?? 5);
  const img: GreyImage = { width, height, data: new Uint8Array(width * height).fill(245) };
  const x0 = Math.round(width * 0.08);
  const x1 = width - x0;
  const split = Math.round(width * 0.3);
  const rowHeight = Math.round(size * 2.6);
  const top = Math.round(height * 0.12);
  const rows = Math.floor((height * 0.8) / rowHeight);
  const pitch = Math.round(size * 1.1);
  for (let r = 0; r <= rows; r++) fillRect(img, x0, top + r * rowHeight, x1 - x0, 2, 20);
  for (const x of [x0, split, x1 - 2]) fillRect(img, x, top, 2, rows * rowHeight, 20);
  for (let r = 0; r < rows; r++) {
    const y = top + r * rowHeight + Math.round((rowHeight - size) / 2);
    const label = 2 + Math.floor(rnd() * 4);
    for (let c = 0; c < label; c++) drawGlyph(img, x0 + 12 + c * pitch, y, size, 25, rnd);
    const value = Math.floor(rnd() * 18);
    for (let c = 0; c < value; c++) drawGlyph(img, split + 12 + c * pitch, y, size, 25, rnd);
  }
  return img;
}

export function blankPage(options: { width?: number; height?: number; paper?: number; noise?: number; specks?: number; seed?: number } = {}): GreyImage {
  const width = options.width ?? 1240;
  const height = options.height ?? 1754;
  const img: GreyImage = { width, height, data: new Uint8Array(width * height).fill(options.paper ?? 240) };
  const rnd = seededRandom(options.seed ?? 7);
  // Dust: a few dark specks, as a real scanner of an empty page shows.
  for (let i = 0; i < (options.specks ?? 12); i++) fillRect(img, Math.floor(rnd() * width), Math.floor(rnd() * height), 3, 3, 40);
  if (options.noise ?? 4) addNoise(img, options.noise ?? 4, options.seed ?? 7);
  return img;
}

export function addNoise(img: GreyImage, sigma: number, seed: number): void {
  const rnd = seededRandom(seed * 7919);
  for (let i = 0; i < img.data.length; i++) {
    // Box–Muller
    const g = Math.sqrt(-2 * Math.log(rnd() || 1e-9)) * Math.cos(2 * Math.PI * rnd());
    img.data[i] = Math.max(0, Math.min(255, Math.round(img.data[i] + g * sigma)));
  }
}

export function toSharp(img: GreyImage): Sharp {
  return sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), {
    raw: { width: img.width, height: img.height, channels: 1 },
  });
}

export async function toJpeg(img: GreyImage | Sharp, quality = 90): Promise<Buffer> {
  const s = 'data' in img ? toSharp(img) : img;
  return s.toColourspace('srgb').jpeg({ quality }).toBuffer();
}

export async function toPng(img: GreyImage | Sharp): Promise<Buffer> {
  const s = 'data' in img ? toSharp(img) : img;
  return s.png().toBuffer();
}

/** Gaussian blur (an out-of-focus camera or a moved page), then sensor noise after the blur. */
export async function blurred(img: GreyImage, sigma: number, noise = 0, seed = 3): Promise<GreyImage> {
  const s = sigma > 0 ? toSharp(img).blur(sigma) : toSharp(img);
  const { data, info } = await s.extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  const out: GreyImage = { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  if (noise > 0) addNoise(out, noise, seed);
  return out;
}
