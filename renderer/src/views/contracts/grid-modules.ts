import { ClientSideRowModelModule, ModuleRegistry, RowApiModule, RowSelectionModule, RowStyleModule, ScrollApiModule } from 'ag-grid-community';

/** The contracts area's grids hold a few thousand rows at most: the client-side row model, with row selection, finding and scrolling to a row. */
ModuleRegistry.registerModules([ClientSideRowModelModule, RowSelectionModule, RowStyleModule, RowApiModule, ScrollApiModule]);
