import { describe, expect, it } from 'vitest';
import { fileNameOf, folderOf, joinPath, withWorkspaceExtension } from '../../../renderer/src/components/workspace/paths';
import { viewFromHash } from '../../../renderer/src/app/routes';

describe('workspace dialog paths', () => {
  it('follows the separator of the backend’s own paths', () => {
    expect(folderOf('/home/ana/.config/AI Spend Workbench/workspaces/Acme Lending demo.aispend')).toBe('/home/ana/.config/AI Spend Workbench/workspaces');
    expect(joinPath('/home/ana/workspaces', 'Q3.aispend')).toBe('/home/ana/workspaces/Q3.aispend');
    expect(folderOf('C:\\Users\\ana\\AppData\\Roaming\\AI Spend Workbench\\workspaces\\demo.aispend')).toBe('C:\\Users\\ana\\AppData\\Roaming\\AI Spend Workbench\\workspaces');
    expect(joinPath('C:\\Users\\ana', 'Q3.aispend')).toBe('C:\\Users\\ana\\Q3.aispend');
    expect(fileNameOf('/tmp/x/Board review.aispend')).toBe('Board review.aispend');
  });

  it('adds .aispend to a name typed without it', () => {
    expect(withWorkspaceExtension(' /tmp/Empty ')).toBe('/tmp/Empty.aispend');
    expect(withWorkspaceExtension('/tmp/Q3.AISPEND')).toBe('/tmp/Q3.AISPEND');
    expect(withWorkspaceExtension('')).toBe('');
  });
});

describe('hash routes', () => {
  it('names a view or falls back to the overview', () => {
    expect(viewFromHash('#/ledger')).toBe('ledger');
    expect(viewFromHash('#/imports?x=1')).toBe('imports');
    expect(viewFromHash('#token=abc')).toBe('overview');
    expect(viewFromHash('')).toBe('overview');
  });
});
