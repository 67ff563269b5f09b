import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { restoreWindowState, windowStateToSave } from '../../../electron/main/window-state';
import { WINDOW_STATE_FILE, readWindowState, writeWindowState } from '../../../electron/main/window-state-file';
import { tempDir } from '../../helpers/temp';

// A laptop screen with a 40 px task bar, and a second monitor to its right.
const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const secondary = { x: 1920, y: 0, width: 1280, height: 1024 };
const displays = [primary, secondary];

describe('window state: restored onto the displays that exist now', () => {
  it('opens at the default size centred on the primary display the first time', () => {
    // default 1360 x 860; x = (1920 - 1360) / 2 = 280, y = (1040 - 860) / 2 = 90
    expect(restoreWindowState(undefined, displays, primary)).toEqual({ bounds: { x: 280, y: 90, width: 1360, height: 860 }, maximized: false });
  });

  it('puts a window back exactly where it was when it still fits', () => {
    const saved = { x: 2000, y: 100, width: 1100, height: 800, maximized: false };
    expect(restoreWindowState(saved, displays, primary)).toEqual({ bounds: { x: 2000, y: 100, width: 1100, height: 800 }, maximized: false });
  });

  it('moves a window that straddles two monitors onto the one it overlaps most', () => {
    // overlap with primary: (1920 - 1500) x 700 = 294,000 px; with secondary: (2500 - 1920) x 700 = 406,000 px
    // -> secondary; x is clamped to its left edge 1920, y = 200 fits (200 + 700 <= 1024)
    const saved = { x: 1500, y: 200, width: 1000, height: 700, maximized: false };
    expect(restoreWindowState(saved, displays, primary)).toEqual({ bounds: { x: 1920, y: 200, width: 1000, height: 700 }, maximized: false });
  });

  it('centres a window whose monitor was unplugged, keeping its maximised flag', () => {
    const saved = { x: 4000, y: 0, width: 1200, height: 800, maximized: true };
    expect(restoreWindowState(saved, displays, primary)).toEqual({ bounds: { x: 280, y: 90, width: 1360, height: 860 }, maximized: true });
  });

  it('shrinks a window larger than its display to the work area', () => {
    // overlap with primary 1920 x 1040 beats secondary 530 x 1024; 2500 x 1400 shrinks to 1920 x 1040 at (0, 0)
    const saved = { x: -50, y: -20, width: 2500, height: 1400, maximized: true };
    expect(restoreWindowState(saved, displays, primary)).toEqual({ bounds: { x: 0, y: 0, width: 1920, height: 1040 }, maximized: true });
  });

  it('grows a window below the minimum size (960 x 600) back to it', () => {
    const saved = { x: 100, y: 100, width: 200, height: 100, maximized: false };
    expect(restoreWindowState(saved, displays, primary)).toEqual({ bounds: { x: 100, y: 100, width: 960, height: 600 }, maximized: false });
  });

  it('never exceeds a display smaller than the minimum', () => {
    const small = { x: 0, y: 0, width: 800, height: 600 };
    expect(restoreWindowState(undefined, [small], small)).toEqual({ bounds: { x: 0, y: 0, width: 800, height: 600 }, maximized: false });
  });

  it('treats a damaged or hand-edited state as no state', () => {
    for (const saved of [null, 'big', { x: 'a', y: 0, width: 800, height: 600 }, { x: 0, y: 0, width: -5, height: 600 }, { x: 0.5, y: 0, width: 800, height: 600 }, { x: 0, y: 0, width: 1e9, height: 600 }]) {
      expect(restoreWindowState(saved, displays, primary).bounds, JSON.stringify(saved)).toEqual({ x: 280, y: 90, width: 1360, height: 860 });
    }
  });

  it('saves whole-pixel normal bounds and the maximised flag', () => {
    expect(windowStateToSave({ x: 10.4, y: 20.6, width: 1000.5, height: 700 }, true)).toEqual({ x: 10, y: 21, width: 1001, height: 700, maximized: true });
  });

  it('round-trips through the file, and a corrupt file reads as nothing', () => {
    const { dir, cleanup } = tempDir('aispend-window-');
    try {
      expect(readWindowState(dir)).toBeUndefined();
      writeWindowState(path.join(dir, 'nested'), { x: 5, y: 6, width: 1000, height: 700, maximized: false });
      expect(readWindowState(path.join(dir, 'nested'))).toEqual({ x: 5, y: 6, width: 1000, height: 700, maximized: false });
      writeFileSync(path.join(dir, WINDOW_STATE_FILE), '{"x": 5, "y":');
      expect(readWindowState(dir)).toBeUndefined();
    } finally {
      cleanup();
    }
  });
});
