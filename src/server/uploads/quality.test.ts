// Scan quality warnings (B21-11, A24-5: clear and upright scans), on synthetic pages
// (test-images.ts). Each warning carries the measured value and the threshold.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { inspectUpload, type InspectAccepted } from './inspect.js';
import { checkImageQuality, MIN_INK_PERCENT, MIN_SHARPNESS, MIN_SHORT_SIDE, qualityWarnings, SIDEWAYS_RATIO, type QualityMeasures } from './quality.js';
import { blankPage, blurred, drawFormPage, drawTextPage, toJpeg } from './test-images.js';

async function warningsOf(bytes: Buffer) {
  return (await checkImageQuality(bytes)).warnings;
}

async function codes(bytes: Buffer): Promise<string[]> {
  return (await warningsOf(bytes)).map((w) => w.code);
}

describe('B21-11 / A24-5: a clear, upright scan gets no warning', () => {
  it('150 dpi A4 page of text (JPEG), and a form', async () => {
    expect(await codes(await toJpeg(drawTextPage()))).toEqual([]);
    expect(await codes(await toJpeg(drawFormPage()))).toEqual([]);
  });

  it('through inspectUpload, the warnings arrive with the accepted file', async () => {
    const result = (await inspectUpload(await toJpeg(drawTextPage()), 'a.jpg', ['jpg'])) as InspectAccepted;
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([]);
  });
});

describe('B21-11 / A24-5: blurred scans (variance of the Laplacian)', () => {
  it('a blurred page is flagged with its measured sharpness in the message', async () => {
    const bytes = await toJpeg(await blurred(drawTextPage(), 2.5, 4));
    const warnings = await warningsOf(bytes);
    const blur = warnings.find((w) => w.code === 'BLURRED');
    expect(blur).toBeDefined();
    expect(blur!.threshold).toBe(MIN_SHARPNESS);
    expect(blur!.measured).toBeLessThan(MIN_SHARPNESS);
    expect(blur!.message).toBe(`图片模糊（清晰度 ${blur!.measured}，低于 ${MIN_SHARPNESS}），请对准焦距、保持稳定后重新扫描或拍摄`);
  });

  it('calibration: character sizes 18–40 px, Gaussian blur σ, scanner noise σ 4, JPEG q 85', async () => {
    const rows: string[] = [];
    for (const charSize of [18, 26, 40]) {
      const page = drawTextPage({ charSize, seed: charSize });
      for (const sigma of [0, 1, 1.5, 2.5, 3, 4]) {
        const { measures, warnings } = await checkImageQuality(await toJpeg(await blurred(page, sigma, 4), 85));
        const flagged = warnings.some((w) => w.code === 'BLURRED');
        rows.push(`char ${charSize}px σ ${sigma}: sharpness ${measures.sharpness}${flagged ? ' BLURRED' : ''}`);
        if (sigma <= 1.5) expect(flagged, `char ${charSize} σ ${sigma}`).toBe(false);
        if (sigma >= 2.5) expect(flagged, `char ${charSize} σ ${sigma}`).toBe(true);
      }
    }
    console.log(rows.join('\n'));
  });

  it('a low-contrast (faint) but sharp page is not called blurred', async () => {
    expect(await codes(await toJpeg(drawTextPage({ ink: 150 })))).toEqual([]);
  });

  it('a high-resolution scan is judged at reading size: 300 dpi with σ 2 blur passes', async () => {
    const page = drawTextPage({ width: 2480, height: 3508, charSize: 52 });
    expect(await codes(await toJpeg(await blurred(page, 2, 4)))).toEqual([]);
  });
});

describe('B21-11: nearly blank pages', () => {
  it('an empty page with dust and noise is flagged (and not also called blurred)', async () => {
    const warnings = await warningsOf(await toJpeg(blankPage()));
    expect(warnings.map((w) => w.code)).toEqual(['NEARLY_BLANK']);
    expect(warnings[0].measured).toBeLessThan(MIN_INK_PERCENT);
    expect(warnings[0].message).toMatch(/^页面几乎是空白的（有内容的部分占 0\.\d\d%，低于 0\.1%）/);
  });

  it('a page with a single line of text is not blank', async () => {
    expect(await codes(await toJpeg(drawTextPage({ paragraphs: 0 })))).toEqual([]);
  });
});

describe('B21-11: too small', () => {
  it('short side below the minimum is flagged with the measured size', async () => {
    const warnings = await warningsOf(await toJpeg(drawTextPage({ width: 600, height: 850, charSize: 13 })));
    const small = warnings.find((w) => w.code === 'TOO_SMALL')!;
    expect(small).toMatchObject({ measured: 600, threshold: MIN_SHORT_SIDE });
    expect(small.message).toContain('短边 600 像素，低于 800 像素');
  });
});

describe('A24-5: upright pages (orientation heuristic)', () => {
  const page = drawTextPage();

  it('sideways (90° and 270°) is flagged; the measured ratio is in the warning', async () => {
    const upright = await toJpeg(page);
    for (const angle of [90, 270]) {
      const warnings = await warningsOf(await sharp(upright).rotate(angle).jpeg().toBuffer());
      const sideways = warnings.find((w) => w.code === 'SIDEWAYS');
      expect(sideways, `${angle}°`).toBeDefined();
      expect(sideways!.measured).toBeGreaterThanOrEqual(SIDEWAYS_RATIO);
      expect(warnings.map((w) => w.code)).not.toContain('UPSIDE_DOWN');
    }
  });

  it('a sideways photo taken 3° askew is still flagged; a 3° askew upright page is not', async () => {
    const askew = await sharp(await toJpeg(page)).rotate(3, { background: '#f5f5f5' }).jpeg().toBuffer();
    expect(await codes(askew)).toEqual([]);
    expect(await codes(await sharp(askew).rotate(90).jpeg().toBuffer())).toContain('SIDEWAYS');
  });

  it('a sideways form (ruled table) is flagged too', async () => {
    expect(await codes(await sharp(await toJpeg(drawFormPage())).rotate(90).jpeg().toBuffer())).toContain('SIDEWAYS');
  });

  it('upside down (180°) is flagged from the paragraph indents', async () => {
    for (const seed of [1, 2, 3]) {
      const bytes = await sharp(await toJpeg(drawTextPage({ seed }))).rotate(180).jpeg().toBuffer();
      const warnings = await warningsOf(bytes);
      expect(warnings.map((w) => w.code), `seed ${seed}`).toEqual(['UPSIDE_DOWN']);
      expect(warnings[0].message).toMatch(/^页面可能是倒置的（段首缩进出现在行的右端，占 100%，高于 80%）/);
    }
  });

  it('what it cannot tell: an upside-down form has no paragraph indents, so no warning', async () => {
    expect(await codes(await sharp(await toJpeg(drawFormPage())).rotate(180).jpeg().toBuffer())).toEqual([]);
  });

  it('a photo-like image (no text lines) gets no orientation warning', async () => {
    const svg = Buffer.from(
      '<svg width="1200" height="1600" xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"><stop offset="0" stop-color="#123"/><stop offset="1" stop-color="#fc8"/></linearGradient></defs><rect width="1200" height="1600" fill="url(#g)"/><circle cx="600" cy="700" r="300" fill="#a33"/></svg>',
    );
    const photo = await sharp(svg).jpeg().toBuffer();
    expect(await codes(photo)).toEqual([]);
  });
});

describe('a blurred page is not judged for orientation', () => {
  it('gets the blur warning and no upside-down warning, even with right-hand indents measured', () => {
    const measures: QualityMeasures = {
      width: 1240,
      height: 1754,
      shortSide: 1240,
      inkPercent: 5,
      sharpness: 9,
      orientation: { rowGapShare: 0.4, columnGapShare: 0, sidewaysRatio: 0.5, textLines: 30, leftIndents: 0, rightIndents: 6 },
    };
    const codes = qualityWarnings(measures).map((w) => w.code);
    expect(codes).toContain('BLURRED');
    expect(codes).not.toContain('UPSIDE_DOWN');
  });
});
