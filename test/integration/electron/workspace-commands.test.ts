import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../shared/api/events';
import { openDialogOptions, saveDialogOptions, withWorkspaceExtension } from '../../../electron/main/dialogs';
import { createWorkspaceCommands, type NativeDialogs } from '../../../electron/main/workspace-commands';
import { startBackend } from '../../helpers/backend';
import { demoLedgerLineCount } from '../../helpers/demo-statements';

/** Native dialogs that answer from a script and remember what they were asked. */
function scriptedDialogs(answers: { open?: string[]; save?: Array<string | undefined> }) {
  const asked: Array<OpenDialogOptions | SaveDialogOptions> = [];
  const errors: Array<[string, string]> = [];
  const dialogs: NativeDialogs = {
    showOpen: async (options) => {
      asked.push(options);
      return answers.open ?? [];
    },
    showSave: async (options) => {
      asked.push(options);
      return answers.save?.shift();
    },
    showError: (title, message) => void errors.push([title, message]),
  };
  return { dialogs, asked, errors };
}

describe('File > New, Open, Save As', () => {
  let s: Awaited<ReturnType<typeof startBackend>>;
  const events: AppEvent[] = [];
  beforeAll(async () => {
    s = await startBackend();
    s.backend.subscribe((event) => events.push(event));
  });
  afterAll(() => s.stop());
  const documents = () => path.join(s.dir, 'Documents');

  it('New: creates the file the user named (adding .aispend) and switches to it', async () => {
    const target = path.join(s.dir, 'Q3 forecast');
    const d = scriptedDialogs({ save: [target] });
    expect(await createWorkspaceCommands(s.backend, d.dialogs, documents).newWorkspace()).toBe(true);
    expect(existsSync(`${target}.aispend`)).toBe(true);
    expect(d.asked[0]).toMatchObject({ defaultPath: path.join(documents(), 'Untitled.aispend'), filters: [{ extensions: ['aispend'] }] });
    const info = await s.client.call('workspace.info', {});
    expect(info.path).toBe(`${target}.aispend`);
    expect(info.ledgerLines).toBe(0);
    expect(events.at(-1)).toMatchObject({ type: 'workspace', info: { path: `${target}.aispend` } });
    expect(d.errors).toEqual([]);
  });

  it('New: a cancelled dialog changes nothing', async () => {
    const before = await s.client.call('workspace.info', {});
    const d = scriptedDialogs({ save: [undefined] });
    expect(await createWorkspaceCommands(s.backend, d.dialogs, documents).newWorkspace()).toBe(false);
    expect((await s.client.call('workspace.info', {})).path).toBe(before.path);
  });

  it('Open: a file that is not a workspace is refused with the reason, and the open workspace stays', async () => {
    const before = await s.client.call('workspace.info', {});
    const notWorkspace = path.join(s.dir, 'statement.csv');
    writeFileSync(notWorkspace, 'date,cost\n2026-03-01,12.50\n');
    const d = scriptedDialogs({ open: [notWorkspace] });
    expect(await createWorkspaceCommands(s.backend, d.dialogs, documents).openWorkspace()).toBe(false);
    expect(d.errors).toHaveLength(1);
    expect(d.errors[0]?.[0]).toBe('Could not open the workspace');
    expect(d.errors[0]?.[1]).toContain('statement.csv');
    expect((await s.client.call('workspace.info', {})).path).toBe(before.path);
  });

  it('Open then Save As: opens the chosen workspace, then copies it and switches to the copy', async () => {
    const demo = (await s.client.call('workspace.recent', {})).paths.find((p) => p.endsWith('Acme Lending demo.aispend'))!;
    const open = scriptedDialogs({ open: [demo] });
    expect(await createWorkspaceCommands(s.backend, open.dialogs, documents).openWorkspace()).toBe(true);
    expect((await s.client.call('workspace.info', {})).path).toBe(demo);

    const copy = path.join(s.dir, 'Acme copy.aispend');
    const save = scriptedDialogs({ save: [copy] });
    expect(await createWorkspaceCommands(s.backend, save.dialogs, documents).saveWorkspaceAs()).toBe(true);
    expect(save.asked[0]).toMatchObject({ defaultPath: path.join(documents(), 'Acme Lending (demo) copy.aispend') });
    const info = await s.client.call('workspace.info', {});
    expect(info.path).toBe(copy);
    expect(info.ledgerLines).toBe(demoLedgerLineCount());
  });
});

describe('dialog options', () => {
  it('open: one file unless several were asked for', () => {
    expect(openDialogOptions({ filters: [], multiple: false })).toEqual({ properties: ['openFile'], filters: [] });
    expect(openDialogOptions({ title: 'Import', filters: [{ name: 'CSV', extensions: ['csv'] }], multiple: true })).toEqual({
      title: 'Import',
      properties: ['openFile', 'multiSelections'],
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
  });

  it('save: the suggested name is only a name, placed in Documents', () => {
    const docs = path.join(path.sep, 'home', 'analyst', 'Documents');
    expect(saveDialogOptions({ defaultName: '../../../.bashrc', filters: [] }, docs).defaultPath).toBe(path.join(docs, '.bashrc'));
    expect(saveDialogOptions({ defaultName: 'C:\\Windows\\evil.xlsx', filters: [] }, docs).defaultPath).toBe(path.join(docs, 'evil.xlsx'));
    expect(saveDialogOptions({ defaultName: 'Board pack.xlsx', filters: [] }, docs).defaultPath).toBe(path.join(docs, 'Board pack.xlsx'));
    expect(saveDialogOptions({ filters: [] }, docs).defaultPath).toBe(docs);
  });

  it('adds .aispend when missing', () => {
    expect(withWorkspaceExtension('/x/Q3')).toBe('/x/Q3.aispend');
    expect(withWorkspaceExtension('/x/Q3.AISPEND')).toBe('/x/Q3.AISPEND');
  });
});
