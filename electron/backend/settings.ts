import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const Settings = z.object({
  recent: z.array(z.string()).default([]),
});
export type Settings = z.infer<typeof Settings>;

const MAX_RECENT = 10;

/** The app's own small settings file (recent workspaces), written atomically. */
export class SettingsStore {
  private readonly file: string;

  constructor(private readonly dataDir: string) {
    this.file = path.join(dataDir, 'settings.json');
  }

  read(): Settings {
    try {
      return Settings.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      // Missing or damaged settings are not worth stopping the app for.
      return { recent: [] };
    }
  }

  write(settings: Settings): void {
    mkdirSync(this.dataDir, { recursive: true });
    const temp = `${this.file}.tmp-${process.pid}`;
    writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`);
    renameSync(temp, this.file);
  }

  rememberWorkspace(file: string): void {
    const settings = this.read();
    settings.recent = [file, ...settings.recent.filter((p) => p !== file)].slice(0, MAX_RECENT);
    this.write(settings);
  }
}
