// The scan viewer's state, pure: zoom in steps relative to the picture fitted to the window,
// view-only rotation in quarter turns, and paging through the application's scans with wrap-around.

/** Zoom factors relative to the fitted picture; 1 is 适应窗口. */
export const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;
export const FIT_ZOOM = ZOOM_STEPS.indexOf(1);

export type Rotation = 0 | 90 | 180 | 270;

export interface ViewerState {
  index: number;
  /** Index into ZOOM_STEPS. */
  zoom: number;
  /** Clockwise degrees. */
  rotation: Rotation;
}

export function initialViewer(index: number): ViewerState {
  return { index, zoom: FIT_ZOOM, rotation: 0 };
}

export function zoomIn(state: ViewerState): ViewerState {
  return { ...state, zoom: Math.min(state.zoom + 1, ZOOM_STEPS.length - 1) };
}

export function zoomOut(state: ViewerState): ViewerState {
  return { ...state, zoom: Math.max(state.zoom - 1, 0) };
}

export function fitWindow(state: ViewerState): ViewerState {
  return { ...state, zoom: FIT_ZOOM };
}

/** A quarter turn: +1 clockwise (向右), -1 counter-clockwise (向左). */
export function rotate(state: ViewerState, direction: 1 | -1): ViewerState {
  return { ...state, rotation: ((state.rotation + direction * 90 + 360) % 360) as Rotation };
}

/** The next (+1) or previous (-1) of `count` scans, wrapping around; a new scan starts fitted and upright. */
export function page(state: ViewerState, direction: 1 | -1, count: number): ViewerState {
  if (count === 0) return state;
  return initialViewer((state.index + direction + count) % count);
}

export function canZoomIn(state: ViewerState): boolean {
  return state.zoom < ZOOM_STEPS.length - 1;
}

export function canZoomOut(state: ViewerState): boolean {
  return state.zoom > 0;
}

/** The CSS classes (src/web/styles.css) that size and turn the picture. */
export function pictureClasses(state: ViewerState): string {
  return `zp-viewer-zoom-${Math.round(ZOOM_STEPS[state.zoom] * 100)} zp-viewer-rot-${state.rotation}`;
}

export function zoomText(state: ViewerState): string {
  return `${Math.round(ZOOM_STEPS[state.zoom] * 100)}%`;
}

/** 第 i / N 份 · 栏目名 */
export function positionText(index: number, count: number, slotName: string): string {
  return `第 ${index + 1} / ${count} 份 · ${slotName}`;
}
