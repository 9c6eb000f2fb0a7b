// Scan quality checks (B21-11, A24-5: materials must be clear and upright). Each check measures a
// number on the re-encoded image and compares it with a threshold; a failed check is a warning the
// applicant sees next to the file with the measured value — never a refusal, since a measure can
// be wrong about a particular page and the applicant can judge the thumbnail.
//
// All measures run on a greyscale copy scaled to fit WORKING_LONG_SIDE (the size an expert reads a
// page on screen), alpha flattened onto white. Thresholds were chosen on synthetic pages
// (test-images.ts: full-width pseudo-characters of 18–52 px on a grid, 公文-like line spacing,
// scanner noise, JPEG) — the calibration table is in quality.test.ts.
//
// Orientation heuristic — what it can and cannot detect:
// - SIDEWAYS (90° or 270°): horizontal text leaves empty rows between lines (line gaps are ~50–80 %
//   of a character in Chinese documents) while columns are almost never empty across a line (the
//   gaps between full-width characters are ~10 % of a character). So we compare the share of
//   empty columns with the share of empty rows, each measured in four strips so a few degrees of
//   skew does not fill the gaps. A page whose text runs vertically has the reverse. It needs a few
//   lines of text; it says nothing about photos, drawings or nearly empty pages, it is unreliable
//   on tables with full ruling, and it flags text that is genuinely written vertically (traditional
//   Mongolian script, vertical 竖排 Chinese) — hence a warning, not a refusal.
// - UPSIDE_DOWN (180°): projection profiles are identical upside down, so this uses layout instead:
//   Chinese prose indents the first line of a paragraph by two characters on the left and ends the
//   last line of a paragraph early on the right. Turned 180°, the two-character indents appear at
//   the right end of lines. We count lines indented by 1.5–3 line heights at each end; when at
//   least two such indents are found and nearly all are on the right, the page is likely upside
//   down (or mirrored). It detects nothing on pages without indented paragraphs (certificates,
//   forms, tables, centred layouts, single paragraphs) and would be fooled by right-to-left
//   scripts (Uyghur) — it can only ever speak when the evidence is clear.
import sharp from 'sharp';

/** Long side of the greyscale copy that every measure runs on (A4 at ~137 dpi). */
export const WORKING_LONG_SIDE = 1600;

/**
 * Shortest acceptable short side in pixels of the stored image. A4 at 100 dpi is 827 × 1169: a
 * 小四 (12 pt) character is then ~17 px high, about the least where dense hanzi stay legible.
 */
export const MIN_SHORT_SIDE = 800;

/**
 * Sharpness = 1000 × the median, over 32 × 32 tiles with content, of var(Laplacian) / var(grey)
 * in the tile, after taking off the noise floor measured on bare-paper tiles. Dividing by the
 * tile's own variance makes it independent of contrast and of how much ink there is (faint text,
 * sparse pages); the median means more than half of the text must be sharp. Measured on A4 pages
 * at the working size with scanner noise σ 4 and JPEG q 85 (quality.test.ts prints the table):
 *   26 px characters: sharp ≈ 1330, Gaussian blur σ 1 ≈ 420, σ 1.5 ≈ 160, σ 2 ≈ 65, σ 2.5 ≈ 30, σ 3 ≈ 19
 *   18 px: sharp ≈ 2570, σ 1.5 ≈ 200, σ 2.5 ≈ 37;   40 px: sharp ≈ 1070, σ 1.5 ≈ 115, σ 2.5 ≈ 28.
 * At σ 2 the strokes of dense hanzi at 小四 size merge; 100 sits between "soft but readable"
 * (σ 1.5) and that. Heavy sensor noise (σ ≥ 8 grey levels, clipped at white) is only partly
 * taken off and can lift a blurred page above the threshold: a missed warning, not a false one.
 */
export const MIN_SHARPNESS = 100;

/**
 * Ink = pixels at least INK_CONTRAST grey levels darker than the paper (the 95th percentile of
 * brightness). Scanner noise (σ ≤ 10) and paper texture stay far below it.
 */
export const INK_CONTRAST = 80;

/**
 * Nearly blank below 0.1 % ink: a page of text measures 3–8 %, a single line of text ~0.3 %, an
 * empty page with dust ~0.01 %. 0.1 % is about a quarter of a line of text.
 */
export const MIN_INK_PERCENT = 0.1;

/**
 * Sideways when empty columns outnumber empty rows by this factor and at least
 * SIDEWAYS_MIN_GAP_SHARE of the columns are gaps. Measured: upright text pages 0.15–0.3, ruled
 * forms 0, photos ~0.9; sideways text pages 3.2–24 (3° askew included), sideways forms ~20.
 */
export const SIDEWAYS_RATIO = 2;
export const SIDEWAYS_MIN_GAP_SHARE = 0.15;

/** Upside down when at least this share of two-character indents is on the right … */
export const UPSIDE_DOWN_RIGHT_SHARE = 0.8;
/** … and at least this many were found. */
export const UPSIDE_DOWN_MIN_INDENTS = 2;

/** Tiles for the sharpness measure, and the grey spread that makes a tile count as content. */
const TILE = 32;
const CONTENT_TILE_STD = 15;
/** A row or column is a gap when its ink is below this share of the mean row/column ink. */
const GAP_LEVEL = 0.05;
/** Least ink (share of pixels) for the orientation heuristic to say anything. */
const ORIENTATION_MIN_INK = 0.005;

export type QualityCode = 'TOO_SMALL' | 'BLURRED' | 'NEARLY_BLANK' | 'SIDEWAYS' | 'UPSIDE_DOWN';

export interface QualityWarning {
  code: QualityCode;
  /** Chinese, with the measured value and the threshold, and what to do. */
  message: string;
  measured: number;
  threshold: number;
}

export interface QualityMeasures {
  width: number;
  height: number;
  shortSide: number;
  /** null when no tile has content (blank page). */
  sharpness: number | null;
  inkPercent: number;
  orientation: {
    /** Share of gap rows / gap columns inside the text area (mean over four strips). */
    rowGapShare: number;
    columnGapShare: number;
    /** columnGapShare / rowGapShare; null when there is too little ink to judge. */
    sidewaysRatio: number | null;
    textLines: number;
    leftIndents: number;
    rightIndents: number;
  };
}

interface Grey {
  width: number;
  height: number;
  data: Uint8Array;
}

async function workingGrey(image: Buffer): Promise<Grey> {
  const { data, info } = await sharp(image, { limitInputPixels: false })
    .flatten({ background: '#ffffff' })
    .greyscale()
    .resize({ width: WORKING_LONG_SIDE, height: WORKING_LONG_SIDE, fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels === 1) return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  const single = new Uint8Array(info.width * info.height);
  for (let i = 0; i < single.length; i++) single[i] = data[i * info.channels];
  return { width: info.width, height: info.height, data: single };
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
}

export function measureSharpness(g: Grey): number | null {
  const { width: w, height: h, data } = g;
  const content: { varGrey: number; varLap: number }[] = [];
  const flat: { varGrey: number; varLap: number }[] = [];
  for (let ty = 1; ty + TILE <= h - 1; ty += TILE) {
    for (let tx = 1; tx + TILE <= w - 1; tx += TILE) {
      let s = 0;
      let s2 = 0;
      let l = 0;
      let l2 = 0;
      for (let y = ty; y < ty + TILE; y++) {
        const row = y * w;
        for (let x = tx; x < tx + TILE; x++) {
          const v = data[row + x];
          s += v;
          s2 += v * v;
          const lap = data[row + x - 1] + data[row + x + 1] + data[row - w + x] + data[row + w + x] - 4 * v;
          l += lap;
          l2 += lap * lap;
        }
      }
      const n = TILE * TILE;
      const tile = { varGrey: s2 / n - (s / n) ** 2, varLap: l2 / n - (l / n) ** 2 };
      (tile.varGrey < CONTENT_TILE_STD ** 2 ? flat : content).push(tile);
    }
  }
  if (content.length === 0) return null;
  // Sensor and JPEG noise add the same Laplacian variance to every tile and would make a blurred
  // page look sharp: estimate it on the flat tiles (bare paper) and take it off.
  const noiseLap = quantile(flat.map((t) => t.varLap), 0.5);
  const noiseGrey = quantile(flat.map((t) => t.varGrey), 0.5);
  const ratios = content.map((t) => Math.max(0, t.varLap - noiseLap) / Math.max(1, t.varGrey - noiseGrey));
  return Math.round(1000 * quantile(ratios, 0.5));
}

/** The paper's grey level and the ink mask (1 = ink). */
function inkMask(g: Grey): { mask: Uint8Array; inkShare: number } {
  const histogram = new Array<number>(256).fill(0);
  for (const v of g.data) histogram[v]++;
  let count = 0;
  let paper = 255;
  for (let v = 0; v < 256; v++) {
    count += histogram[v];
    if (count >= 0.95 * g.data.length) {
      paper = v;
      break;
    }
  }
  const limit = paper - INK_CONTRAST;
  const mask = new Uint8Array(g.data.length);
  let ink = 0;
  for (let i = 0; i < g.data.length; i++) {
    if (g.data[i] < limit) {
      mask[i] = 1;
      ink++;
    }
  }
  return { mask, inkShare: ink / g.data.length };
}

/** Bounds of the ink, ignoring the outer 0.5 % on each side (specks, scanner edges). */
function inkBounds(mask: Uint8Array, w: number, h: number): { x0: number; x1: number; y0: number; y1: number } | null {
  const rows = new Array<number>(h).fill(0);
  const cols = new Array<number>(w).fill(0);
  let total = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (mask[y * w + x]) {
        rows[y]++;
        cols[x]++;
        total++;
      }
    }
  }
  if (total === 0) return null;
  const bound = (profile: number[]) => {
    let acc = 0;
    let lo = 0;
    let hi = profile.length - 1;
    for (let i = 0; i < profile.length; i++) {
      acc += profile[i];
      if (acc > total * 0.005) {
        lo = i;
        break;
      }
    }
    acc = 0;
    for (let i = profile.length - 1; i >= 0; i--) {
      acc += profile[i];
      if (acc > total * 0.005) {
        hi = i;
        break;
      }
    }
    return [lo, hi] as const;
  };
  const [x0, x1] = bound(cols);
  const [y0, y1] = bound(rows);
  return { x0, x1, y0, y1 };
}

/** Share of gap positions along one axis, averaged over `strips` strips across the other axis. */
function gapShare(mask: Uint8Array, w: number, b: { x0: number; x1: number; y0: number; y1: number }, axis: 'rows' | 'columns', strips = 4): number {
  const shares: number[] = [];
  const [along0, along1, across0, across1] = axis === 'rows' ? [b.y0, b.y1, b.x0, b.x1] : [b.x0, b.x1, b.y0, b.y1];
  const span = across1 - across0 + 1;
  for (let s = 0; s < strips; s++) {
    const a0 = across0 + Math.floor((s * span) / strips);
    const a1 = across0 + Math.floor(((s + 1) * span) / strips);
    const profile: number[] = [];
    for (let i = along0; i <= along1; i++) {
      let ink = 0;
      for (let j = a0; j < a1; j++) ink += axis === 'rows' ? mask[i * w + j] : mask[j * w + i];
      profile.push(ink);
    }
    const mean = profile.reduce((a, v) => a + v, 0) / Math.max(1, profile.length);
    if (mean === 0) continue;
    shares.push(profile.filter((v) => v <= GAP_LEVEL * mean).length / profile.length);
  }
  return shares.length ? shares.reduce((a, v) => a + v, 0) / shares.length : 0;
}

/** Text lines from the row profile; for each, where its ink starts and ends. */
function indents(mask: Uint8Array, w: number, b: { x0: number; x1: number; y0: number; y1: number }) {
  const rowInk: number[] = [];
  for (let y = b.y0; y <= b.y1; y++) {
    let ink = 0;
    for (let x = b.x0; x <= b.x1; x++) ink += mask[y * w + x];
    rowInk.push(ink);
  }
  const mean = rowInk.reduce((a, v) => a + v, 0) / Math.max(1, rowInk.length);
  const lines: { y0: number; y1: number }[] = [];
  let start = -1;
  for (let i = 0; i <= rowInk.length; i++) {
    const inked = i < rowInk.length && rowInk[i] > GAP_LEVEL * mean;
    if (inked && start < 0) start = i;
    if (!inked && start >= 0) {
      lines.push({ y0: b.y0 + start, y1: b.y0 + i - 1 });
      start = -1;
    }
  }
  const heights = lines.map((l) => l.y1 - l.y0 + 1);
  const lineHeight = quantile(heights, 0.5);
  const textLines = lines.filter((l) => l.y1 - l.y0 + 1 >= lineHeight * 0.6 && l.y1 - l.y0 + 1 <= lineHeight * 1.6);
  if (textLines.length < 4 || lineHeight < 6) return { textLines: textLines.length, leftIndents: 0, rightIndents: 0 };
  // A column of a line counts when it has at least two ink pixels (one-pixel specks do not).
  const extents = textLines.map((l) => {
    let first = -1;
    let last = -1;
    for (let x = b.x0; x <= b.x1; x++) {
      let ink = 0;
      for (let y = l.y0; y <= l.y1 && ink < 2; y++) ink += mask[y * w + x];
      if (ink >= 2) {
        if (first < 0) first = x;
        last = x;
      }
    }
    return { first, last };
  });
  const left = quantile(extents.map((e) => e.first), 0.1);
  const right = quantile(extents.map((e) => e.last), 0.9);
  const isIndent = (d: number) => d >= 1.5 * lineHeight && d <= 3 * lineHeight;
  return {
    textLines: textLines.length,
    leftIndents: extents.filter((e) => isIndent(e.first - left)).length,
    rightIndents: extents.filter((e) => isIndent(right - e.last)).length,
  };
}

export async function measureImage(image: Buffer): Promise<QualityMeasures> {
  const meta = await sharp(image, { limitInputPixels: false }).metadata();
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  const g = await workingGrey(image);
  const { mask, inkShare } = inkMask(g);
  const bounds = inkBounds(mask, g.width, g.height);
  let orientation: QualityMeasures['orientation'] = { rowGapShare: 0, columnGapShare: 0, sidewaysRatio: null, textLines: 0, leftIndents: 0, rightIndents: 0 };
  if (bounds && inkShare >= ORIENTATION_MIN_INK) {
    const rowGapShare = gapShare(mask, g.width, bounds, 'rows');
    const columnGapShare = gapShare(mask, g.width, bounds, 'columns');
    const sideways = columnGapShare / Math.max(rowGapShare, 0.01);
    const upright = sideways < SIDEWAYS_RATIO;
    orientation = {
      rowGapShare: round(rowGapShare, 3),
      columnGapShare: round(columnGapShare, 3),
      sidewaysRatio: round(sideways, 2),
      ...(upright ? indents(mask, g.width, bounds) : { textLines: 0, leftIndents: 0, rightIndents: 0 }),
    };
  }
  return {
    width,
    height,
    shortSide: Math.min(width, height),
    sharpness: measureSharpness(g),
    inkPercent: round(inkShare * 100, 3),
    orientation,
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function qualityWarnings(m: QualityMeasures): QualityWarning[] {
  const warnings: QualityWarning[] = [];
  if (m.shortSide < MIN_SHORT_SIDE) {
    warnings.push({
      code: 'TOO_SMALL',
      message: `图片太小（短边 ${m.shortSide} 像素，低于 ${MIN_SHORT_SIDE} 像素），文字可能看不清，请用更高的分辨率重新扫描或拍摄`,
      measured: m.shortSide,
      threshold: MIN_SHORT_SIDE,
    });
  }
  const blank = m.inkPercent < MIN_INK_PERCENT;
  if (blank) {
    warnings.push({
      code: 'NEARLY_BLANK',
      message: `页面几乎是空白的（有内容的部分占 ${m.inkPercent.toFixed(2)}%，低于 ${MIN_INK_PERCENT}%），请确认扫描的是正确的一面，或字迹是否太淡`,
      measured: m.inkPercent,
      threshold: MIN_INK_PERCENT,
    });
  }
  const sharpness = blank ? null : m.sharpness;
  const blurred = sharpness !== null && sharpness < MIN_SHARPNESS;
  if (blurred) {
    warnings.push({
      code: 'BLURRED',
      message: `图片模糊（清晰度 ${sharpness}，低于 ${MIN_SHARPNESS}），请对准焦距、保持稳定后重新扫描或拍摄`,
      measured: sharpness,
      threshold: MIN_SHARPNESS,
    });
  }
  const o = m.orientation;
  if (!blank && o.sidewaysRatio !== null && o.sidewaysRatio >= SIDEWAYS_RATIO && o.columnGapShare >= SIDEWAYS_MIN_GAP_SHARE) {
    warnings.push({
      code: 'SIDEWAYS',
      message: `页面可能是横着放的（文字行看起来是竖向的，测量值 ${o.sidewaysRatio}，正常应低于 ${SIDEWAYS_RATIO}），请点击“旋转”按钮把页面转正`,
      measured: o.sidewaysRatio,
      threshold: SIDEWAYS_RATIO,
    });
  }
  const found = o.leftIndents + o.rightIndents;
  // Paragraph indents cannot be told apart on a blurred page (the lines smear into each other), so
  // it gets the blur warning alone: rescanning fixes it, rotating would not.
  if (!blank && !blurred && found >= UPSIDE_DOWN_MIN_INDENTS && o.rightIndents / found >= UPSIDE_DOWN_RIGHT_SHARE) {
    const share = round(o.rightIndents / found, 2);
    warnings.push({
      code: 'UPSIDE_DOWN',
      message: `页面可能是倒置的（段首缩进出现在行的右端，占 ${Math.round(share * 100)}%，高于 ${UPSIDE_DOWN_RIGHT_SHARE * 100}%），请点击“旋转”按钮转 180°`,
      measured: share,
      threshold: UPSIDE_DOWN_RIGHT_SHARE,
    });
  }
  return warnings;
}

export async function checkImageQuality(image: Buffer): Promise<{ measures: QualityMeasures; warnings: QualityWarning[] }> {
  const measures = await measureImage(image);
  return { measures, warnings: qualityWarnings(measures) };
}
