import { z } from 'zod';

/**
 * Window size, position and maximised state, remembered between runs. The
 * saved file is read back as untrusted input (it may be hand-edited, or come
 * from a machine with another monitor layout) and fitted to the displays
 * that exist now, so the window never opens off-screen.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const Int = z.number().int().min(-100_000).max(100_000);

export const SavedWindowState = z.object({
  x: Int,
  y: Int,
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
  maximized: z.boolean().default(false),
});
export type SavedWindowState = z.infer<typeof SavedWindowState>;

export interface WindowSizing {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

export const DEFAULT_SIZING: WindowSizing = { width: 1360, height: 860, minWidth: 960, minHeight: 600 };

export interface RestoredWindowState {
  bounds: Rect;
  maximized: boolean;
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

/** Fits a size into a work area (never larger than the area, at least the minimum where the area allows) and places it. */
function fitInto(area: Rect, width: number, height: number, sizing: WindowSizing, position?: { x: number; y: number }): Rect {
  const w = Math.min(Math.max(width, sizing.minWidth), area.width);
  const h = Math.min(Math.max(height, sizing.minHeight), area.height);
  const x = position ? clamp(position.x, area.x, area.x + area.width - w) : area.x + Math.floor((area.width - w) / 2);
  const y = position ? clamp(position.y, area.y, area.y + area.height - h) : area.y + Math.floor((area.height - h) / 2);
  return { x, y, width: w, height: h };
}

/**
 * The bounds to open the window with. `workAreas` are the current displays'
 * work areas (screen minus task bar / menu bar), `primary` the primary one.
 * A saved window goes back on the display it overlaps most, moved and shrunk
 * just enough to fit there entirely; a saved window that overlaps no display
 * any more (a monitor was unplugged), or no valid saved state, opens at the
 * default size centred on the primary display.
 */
export function restoreWindowState(saved: unknown, workAreas: readonly Rect[], primary: Rect, sizing: WindowSizing = DEFAULT_SIZING): RestoredWindowState {
  const parsed = SavedWindowState.safeParse(saved);
  const centred = (): RestoredWindowState => ({
    bounds: fitInto(primary, sizing.width, sizing.height, sizing),
    maximized: parsed.success ? parsed.data.maximized : false,
  });
  if (!parsed.success) return centred();
  const state = parsed.data;
  let best: Rect | undefined;
  let bestArea = 0;
  for (const area of workAreas) {
    const overlap = overlapArea(state, area);
    if (overlap > bestArea) {
      best = area;
      bestArea = overlap;
    }
  }
  if (!best) return centred();
  return { bounds: fitInto(best, state.width, state.height, sizing, { x: state.x, y: state.y }), maximized: state.maximized };
}

/** What is written on close: the normal (unmaximised) bounds, so that un-maximising later restores a sensible size. */
export function windowStateToSave(normalBounds: Rect, maximized: boolean): SavedWindowState {
  return {
    x: Math.round(normalBounds.x),
    y: Math.round(normalBounds.y),
    width: Math.round(normalBounds.width),
    height: Math.round(normalBounds.height),
    maximized,
  };
}
