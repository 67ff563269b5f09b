/**
 * Path text for the workspace dialogs. The renderer cannot ask Node for path
 * rules, so it follows the separator the backend's own paths use (Windows
 * paths carry backslashes).
 */
export function separatorOf(samplePath: string): '/' | '\\' {
  return samplePath.includes('\\') && !samplePath.includes('/') ? '\\' : '/';
}

export function folderOf(file: string): string {
  const sep = separatorOf(file);
  const index = file.lastIndexOf(sep);
  if (index <= 0) return sep === '/' && index === 0 ? '/' : file;
  return file.slice(0, index);
}

export function joinPath(folder: string, name: string): string {
  const sep = separatorOf(folder);
  return folder.endsWith(sep) ? `${folder}${name}` : `${folder}${sep}${name}`;
}

export function fileNameOf(file: string): string {
  const sep = separatorOf(file);
  return file.slice(file.lastIndexOf(sep) + 1);
}

/** Workspace files end in .aispend; a name typed without it gets it. */
export function withWorkspaceExtension(file: string): string {
  const trimmed = file.trim();
  return trimmed === '' || /\.aispend$/i.test(trimmed) ? trimmed : `${trimmed}.aispend`;
}
