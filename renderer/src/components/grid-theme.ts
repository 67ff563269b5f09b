import {
  CellStyleModule,
  ColumnApiModule,
  DateFilterModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  RenderApiModule,
  NumberFilterModule,
  PinnedRowModule,
  RowStyleModule,
  TextFilterModule,
  TooltipModule,
  ValidationModule,
  colorSchemeVariable,
  themeQuartz,
} from 'ag-grid-community';

/**
 * Only the community modules the views use. ValidationModule stays in: a
 * misconfigured column then says so in the console, which the end-to-end
 * tests treat as a failure.
 */
ModuleRegistry.registerModules([
  InfiniteRowModelModule,
  RenderApiModule,
  TextFilterModule,
  NumberFilterModule,
  DateFilterModule,
  CellStyleModule,
  TooltipModule,
  ValidationModule,
  // The ledger: the sort in force (for its export), the total row under the groups, the open group's row style.
  ColumnApiModule,
  PinnedRowModule,
  RowStyleModule,
]);

/**
 * Quartz, dense, in the app's colours. The light and dark schemes are theme
 * modes: the grid follows `data-ag-theme-mode` on <html>, which the app sets
 * from prefers-color-scheme, so a change of OS setting restyles it live
 * without rebuilding the grid.
 */
export const gridTheme = themeQuartz
  .withPart(colorSchemeVariable)
  .withParams({
    fontFamily: 'inherit',
    fontSize: 13,
    headerFontSize: 12,
    headerFontWeight: 600,
    spacing: 6,
    rowHeight: 30,
    headerHeight: 34,
    wrapperBorderRadius: 6,
    cellHorizontalPadding: 10,
  })
  .withParams(
    {
      backgroundColor: '#ffffff',
      foregroundColor: '#1b1f24',
      chromeBackgroundColor: '#f3f5f8',
      borderColor: '#d9dee5',
      accentColor: '#1f55cc',
      oddRowBackgroundColor: '#fafbfc',
    },
    'light',
  )
  .withParams(
    {
      backgroundColor: '#171b21',
      foregroundColor: '#e3e7ec',
      chromeBackgroundColor: '#1d222a',
      borderColor: '#2e3541',
      accentColor: '#7aa5ff',
      oddRowBackgroundColor: '#1a1f26',
    },
    'dark',
  );

/** Every column of an in-memory grid sorts, filters (by its data type) and resizes. */
export const GRID_COLUMN_DEFAULTS = { sortable: true, resizable: true, filter: true } as const;
