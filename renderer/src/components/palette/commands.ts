import type { WorkspaceDialogKind } from '../workspace/WorkspaceDialogs';

/**
 * What the command palette offers: every view and tab by its route, and the
 * workspace actions of the File menu. Pure data and matching, so the list and
 * its filtering are tested without a browser.
 */
export type PaletteAction = { kind: 'route'; hash: string } | { kind: 'workspace'; dialog: WorkspaceDialogKind } | { kind: 'about' };

export interface PaletteCommand {
  id: string;
  /** What the user reads and types ("Go to Invoice check"). */
  label: string;
  /** Where it belongs ("Contracts", "Workspace"): shown beside the label and matched too. */
  group: string;
  /** More words that find it ("bill", "overcharge"). */
  keywords?: string;
  shortcut?: string;
  action: PaletteAction;
}

const route = (id: string, label: string, group: string, hash: string, keywords?: string): PaletteCommand => ({
  id,
  label,
  group,
  action: { kind: 'route', hash },
  ...(keywords ? { keywords } : {}),
});

export const PALETTE_COMMANDS: readonly PaletteCommand[] = [
  route('go-overview', 'Go to Overview', 'View', '#/overview', 'home board question cost per loan trend'),
  route('go-imports', 'Import a statement', 'Imports', '#/imports', 'bill file upload vendor reconcile'),
  route('go-ledger', 'Go to Ledger', 'View', '#/ledger', 'lines grid usage'),
  route('go-contracts', 'Go to Contracts', 'Contracts', '#/contracts', 'terms agreement commitment credits'),
  route('go-invoice-check', 'Check invoices against contracts', 'Contracts', '#/contracts/invoice-check', 'overcharge findings variance bill'),
  route('go-price-book', 'Go to Price book', 'Contracts', '#/contracts/price-book', 'prices rates list models'),
  route('go-scenarios', 'Go to Scenarios', 'Scenarios', '#/scenarios', 'what if levers baseline risk monte carlo drivers'),
  route('go-showback', 'Go to Showback', 'Allocation', '#/allocation', 'teams chargeback allocation'),
  route('go-budgets', 'Go to Budgets', 'Allocation', '#/allocation/budgets', 'allowance forecast burn'),
  route('go-anomalies', 'Go to Anomalies', 'Allocation', '#/allocation/anomalies', 'spike dip unusual'),
  route('go-energy', 'Go to Energy', 'Allocation', '#/allocation/energy', 'carbon water emissions'),
  route('go-rules', 'Go to Allocation rules', 'Allocation', '#/allocation/rules', 'policy yaml'),
  route('go-export', 'Export the board workbook', 'Export', '#/export', 'xlsx excel board summary'),
  { id: 'workspace-new', label: 'New workspace…', group: 'Workspace', keywords: 'create file empty', action: { kind: 'workspace', dialog: 'new' } },
  { id: 'workspace-open', label: 'Open workspace…', group: 'Workspace', keywords: 'file load', action: { kind: 'workspace', dialog: 'open' } },
  { id: 'workspace-save-as', label: 'Save workspace as…', group: 'Workspace', keywords: 'copy file', action: { kind: 'workspace', dialog: 'saveAs' } },
  { id: 'about', label: 'About AI Spend Workbench', group: 'Help', keywords: 'version licence', action: { kind: 'about' } },
];

/**
 * The commands whose label, group or keywords contain every word typed, in
 * any order and case; those whose label starts with the text first, then the
 * rest in their listed order.
 */
export function matchCommands(commands: readonly PaletteCommand[], query: string): PaletteCommand[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [...commands];
  const hits = commands.filter((c) => {
    const text = `${c.label} ${c.group} ${c.keywords ?? ''}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  const start = query.trim().toLowerCase();
  const starts = (c: PaletteCommand) => c.label.toLowerCase().startsWith(start) || c.label.toLowerCase().replace(/^go to /, '').startsWith(start);
  return [...hits.filter(starts), ...hits.filter((c) => !starts(c))];
}

/** Ctrl+K, or ⌘K on a Mac: the palette's shortcut (never with Shift or Alt, which other tools use). */
export function isPaletteShortcut(e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): boolean {
  return (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'k';
}
