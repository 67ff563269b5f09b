import { describe, expect, it } from 'vitest';
import { isPaletteShortcut, matchCommands, PALETTE_COMMANDS } from '../../../renderer/src/components/palette/commands';
import { VIEWS } from '../../../renderer/src/app/routes';

const ids = (query: string) => matchCommands(PALETTE_COMMANDS, query).map((c) => c.id);

describe('the command palette', () => {
  it('reaches every view by its route, and the workspace actions', () => {
    const routes = PALETTE_COMMANDS.flatMap((c) => (c.action.kind === 'route' ? [c.action.hash.split('/')[1]] : []));
    for (const v of VIEWS) expect(routes, v.id).toContain(v.id);
    expect(PALETTE_COMMANDS.filter((c) => c.action.kind === 'workspace').map((c) => c.id)).toEqual(['workspace-new', 'workspace-open', 'workspace-save-as']);
    expect(new Set(PALETTE_COMMANDS.map((c) => c.id)).size).toBe(PALETTE_COMMANDS.length);
  });

  it('matches every typed word in label, group or keywords, labels starting with the text first', () => {
    expect(ids('')).toHaveLength(PALETTE_COMMANDS.length);
    // "bud" starts "Budgets" (after "Go to"); nothing else has it.
    expect(ids('bud')).toEqual(['go-budgets']);
    // Words in any order and case, across label and group.
    expect(ids('ALLOCATION rules')).toEqual(['go-rules']);
    // A keyword finds a command whose label does not say it.
    expect(ids('overcharge')).toEqual(['go-invoice-check']);
    // "co" starts "(Go to) Contracts", so that comes first; "Go to Overview" (keyword "cost"), listed before it, follows.
    const co = ids('co');
    expect(co[0]).toBe('go-contracts');
    expect(co.indexOf('go-overview')).toBeGreaterThan(0);
    expect(ids('export')).toEqual(['go-export']);
    expect(ids('zzz')).toEqual([]);
  });

  it('opens on Ctrl+K or ⌘K, not with Shift or Alt and not on K alone', () => {
    const key = (over: Partial<{ key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }>) =>
      isPaletteShortcut({ key: 'k', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...over });
    expect([key({ ctrlKey: true }), key({ metaKey: true }), key({ ctrlKey: true, key: 'K' })]).toEqual([true, true, true]);
    expect([key({}), key({ ctrlKey: true, shiftKey: true }), key({ metaKey: true, altKey: true }), key({ ctrlKey: true, key: 'j' })]).toEqual([false, false, false, false]);
  });
});
