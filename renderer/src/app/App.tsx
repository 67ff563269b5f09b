import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { useClient } from '../api/ClientContext';
import { AboutDialog } from '../components/AboutDialog';
import { AppHeader } from '../components/AppHeader';
import { CommandPalette } from '../components/palette/CommandPalette';
import { isPaletteShortcut, type PaletteCommand } from '../components/palette/commands';
import { NavBar } from '../components/NavBar';
import { WorkspaceDialogs, type WorkspaceDialogKind } from '../components/workspace/WorkspaceDialogs';
import { OverviewView } from '../views/overview/OverviewView';
import { useColorScheme } from './color-scheme';
import { LAZY_VIEWS, preloadViews } from './lazy-views';
import { navigate, useView, type ViewId } from './routes';

const VIEW_COMPONENTS: Record<ViewId, () => ReactNode> = {
  overview: () => <OverviewView />,
  imports: () => <LAZY_VIEWS.imports />,
  ledger: () => <LAZY_VIEWS.ledger />,
  contracts: () => <LAZY_VIEWS.contracts />,
  scenarios: () => <LAZY_VIEWS.scenarios />,
  allocation: () => <LAZY_VIEWS.allocation />,
  export: () => <LAZY_VIEWS.export />,
};

function ViewLoading() {
  return (
    <p className="muted view-loading" role="status">
      Loading…
    </p>
  );
}

export function App() {
  const client = useClient();
  const view = useView();
  useColorScheme();
  const [dialog, setDialog] = useState<WorkspaceDialogKind | null>(null);
  const [aboutOpen, setAboutOpen] = useState(false);
  const [paletteOpen, setPaletteOpen] = useState(false);
  // Views stay mounted once visited, so the ledger keeps its filters and scroll position.
  // (Recorded while rendering, so a newly visited view is in the same commit as the route change.)
  const visited = useRef<Set<ViewId>>(new Set());
  visited.current.add(view);
  const mainRef = useRef<HTMLElement>(null);
  const shownView = useRef<ViewId | null>(null);

  useEffect(() => {
    const previous = shownView.current;
    shownView.current = view;
    // Move focus to the new view's heading, as a page load would for a screen reader (not on first load).
    if (previous === null || previous === view) return;
    const slot = mainRef.current?.querySelector(`[data-view="${view}"]`);
    const focusHeading = () => {
      const heading = slot?.querySelector<HTMLElement>('h1');
      heading?.focus();
      return heading !== undefined && heading !== null;
    };
    if (!slot || focusHeading()) return;
    // The view's code is still loading (its own chunk): focus its heading when it arrives.
    const observer = new MutationObserver(() => {
      if (focusHeading()) observer.disconnect();
    });
    observer.observe(slot, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [view]);

  // Once the first view is on screen, fetch the others' code while the analyst reads it.
  useEffect(() => preloadViews(), []);

  // Ctrl/⌘+K anywhere, even inside a grid or an editor, opens the palette (a second press closes it).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isPaletteShortcut(e)) return;
      e.preventDefault();
      e.stopPropagation();
      setPaletteOpen((open) => !open);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const runCommand = (command: PaletteCommand) => {
    const a = command.action;
    if (a.kind === 'route') window.location.hash = a.hash.slice(1);
    else if (a.kind === 'workspace') setDialog(a.dialog);
    else setAboutOpen(true);
  };

  // Electron's menu speaks through pushed events; browser mode has the header menu instead.
  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type !== 'menu') return;
        switch (event.command) {
          case 'file.new':
            return setDialog('new');
          case 'file.open':
            return setDialog('open');
          case 'file.saveAs':
            return setDialog('saveAs');
          case 'file.export':
            return navigate('export');
          case 'navigate.import':
            return navigate('imports');
          case 'help.about':
            return setAboutOpen(true);
        }
      }),
    [client],
  );

  return (
    <div className="app">
      <button type="button" className="skip-link" onClick={() => mainRef.current?.querySelector<HTMLElement>(`[data-view="${view}"] h1`)?.focus()}>
        Skip to content
      </button>
      <AppHeader onWorkspaceAction={setDialog} onAbout={() => setAboutOpen(true)} onCommandPalette={() => setPaletteOpen(true)} />
      <div className="app-body">
        <NavBar current={view} />
        {/* Focusable (tabIndex 0) because it scrolls: keyboard users scroll it with the arrow keys once it has focus. */}
        <main id="main" className="app-main" ref={mainRef} tabIndex={0}>
          {[...visited.current].map((id) => (
            <div key={id} data-view={id} className="view-slot" hidden={id !== view}>
              <Suspense fallback={<ViewLoading />}>{VIEW_COMPONENTS[id]()}</Suspense>
            </div>
          ))}
        </main>
      </div>
      <WorkspaceDialogs open={dialog} onClose={() => setDialog(null)} />
      {aboutOpen ? <AboutDialog onClose={() => setAboutOpen(false)} /> : null}
      {paletteOpen ? <CommandPalette onRun={runCommand} onClose={() => setPaletteOpen(false)} /> : null}
    </div>
  );
}
