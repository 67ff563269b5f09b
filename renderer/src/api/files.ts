import { useMemo } from 'react';
import { useConnection } from './ClientContext';

export interface PickedFile {
  /** Where the backend can read it: the file itself in Electron, the uploaded copy in browser mode. */
  path: string;
  name: string;
}

export interface FileHelpers {
  /** Lets the user pick one file; null when cancelled. */
  pickFile(options: { title: string; kind: string; extensions: string[] }): Promise<PickedFile | null>;
  /**
   * Saves text the backend produced. In Electron the native save dialog picks
   * a path and `writeTo` has the backend write it; in a browser it downloads.
   * Resolves to false when the user cancelled.
   */
  saveText(options: { title: string; fileName: string; kind: string; extensions: string[]; text: string; writeTo: (path: string) => Promise<unknown> }): Promise<boolean>;
  /**
   * Saves a file the backend writes (large or binary: an allocated-lines
   * export). `writeTo(path, overwrite)` has the backend write it: in Electron
   * to the path the save dialog chose (which has asked about replacing a
   * file), in a browser to a place of the host's, which is then downloaded.
   * Resolves to false when the user cancelled.
   */
  saveFile(options: { title: string; fileName: string; kind: string; extensions: string[]; writeTo: (path: string, overwrite: boolean) => Promise<unknown> }): Promise<boolean>;
}

/** A hidden <input type=file>, clicked: resolves with the chosen file, or null if the picker closes without one. */
function browserPick(extensions: string[]): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = extensions.map((e) => `.${e}`).join(',');
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve(input.files?.[0] ?? null);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve(null);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}

/** Hands content to the browser as a download (in Electron, to its own save routine). */
export function download(content: string | Blob, fileName: string): void {
  const url = URL.createObjectURL(typeof content === 'string' ? new Blob([content], { type: 'text/csv;charset=utf-8' }) : content);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Files in and out, the same for every view whether the app runs in Electron
 * (native dialogs, real paths) or in a browser (file input + upload to the
 * host, downloads).
 */
export function useFiles(): FileHelpers {
  const { bridge, http } = useConnection();
  return useMemo<FileHelpers>(
    () => ({
      async pickFile({ title, kind, extensions }) {
        if (bridge) {
          const [path] = await bridge.pickFiles({ title, filters: [{ name: kind, extensions }] });
          return path ? { path, name: path.split(/[\\/]/).pop() ?? path } : null;
        }
        const file = await browserPick(extensions);
        if (!file) return null;
        if (!http) throw new Error('no way to hand this file to the workbench');
        const uploaded = await http.upload(file, file.name);
        return { path: uploaded.path, name: file.name };
      },
      async saveText({ title, fileName, kind, extensions, text, writeTo }) {
        if (bridge) {
          const path = await bridge.pickSavePath({ title, defaultName: fileName, filters: [{ name: kind, extensions }] });
          if (!path) return false;
          await writeTo(path);
          return true;
        }
        download(text, fileName);
        return true;
      },
      async saveFile({ title, fileName, kind, extensions, writeTo }) {
        if (bridge) {
          const path = await bridge.pickSavePath({ title, defaultName: fileName, filters: [{ name: kind, extensions }] });
          if (!path) return false;
          await writeTo(path, true);
          return true;
        }
        if (!http) throw new Error('no way to receive this file from the workbench');
        const target = await http.downloadTarget(fileName);
        await writeTo(target, false);
        download(await http.download(target), fileName);
        return true;
      },
    }),
    [bridge, http],
  );
}
