import { describe, expect, it } from 'vitest';
import { canZoomIn, canZoomOut, FIT_ZOOM, fitWindow, initialViewer, page, pictureClasses, positionText, rotate, ZOOM_STEPS, zoomIn, zoomOut, zoomText } from './scanViewer';

describe('scan viewer state', () => {
  it('starts fitted to the window and upright', () => {
    const s = initialViewer(3);
    expect(s).toEqual({ index: 3, zoom: FIT_ZOOM, rotation: 0 });
    expect(ZOOM_STEPS[s.zoom]).toBe(1);
    expect(zoomText(s)).toBe('100%');
    expect(pictureClasses(s)).toBe('zp-viewer-zoom-100 zp-viewer-rot-0');
  });

  it('zooms in steps and stops at both ends', () => {
    let s = initialViewer(0);
    for (let i = 0; i < 20; i++) s = zoomIn(s);
    expect(ZOOM_STEPS[s.zoom]).toBe(3);
    expect(canZoomIn(s)).toBe(false);
    expect(pictureClasses(s)).toContain('zp-viewer-zoom-300');
    for (let i = 0; i < 20; i++) s = zoomOut(s);
    expect(ZOOM_STEPS[s.zoom]).toBe(0.5);
    expect(canZoomOut(s)).toBe(false);
    expect(zoomText(fitWindow(s))).toBe('100%');
  });

  it('turns in quarter turns both ways', () => {
    const s = initialViewer(0);
    expect(rotate(s, 1).rotation).toBe(90);
    expect(rotate(s, -1).rotation).toBe(270);
    expect(rotate(rotate(rotate(rotate(s, 1), 1), 1), 1).rotation).toBe(0);
    expect(rotate(rotate(s, -1), -1).rotation).toBe(180);
  });

  it('pages with wrap-around and resets zoom and rotation', () => {
    const turned = zoomIn(rotate(initialViewer(2), 1));
    expect(page(turned, 1, 3)).toEqual(initialViewer(0));
    expect(page(initialViewer(0), -1, 3)).toEqual(initialViewer(2));
    expect(page(initialViewer(0), 1, 3).index).toBe(1);
    expect(page(initialViewer(0), 1, 0)).toEqual(initialViewer(0));
  });

  it('names the position', () => {
    expect(positionText(0, 12, '学历证书')).toBe('第 1 / 12 份 · 学历证书');
  });
});
