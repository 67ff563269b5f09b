import { spawn } from 'node:child_process';

/** Opens the user's default browser where there is a desktop to open it on; otherwise does nothing. */
export function openDefaultBrowser(url: string): boolean {
  const platform = process.platform;
  const hasDesktop = platform === 'darwin' || platform === 'win32' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!hasDesktop) return false;
  const [command, args] =
    platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
