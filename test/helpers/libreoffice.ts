import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * LibreOffice as a real spreadsheet client: a throwaway profile whose
 * OOXMLRecalcMode is 0 ("always recalculate on load"), so a headless
 * conversion carries LibreOffice's own results for every formula.
 */
export function libreOfficeProfile(dir: string): string {
  const profile = path.join(dir, 'lo-profile');
  const user = path.join(profile, 'user');
  mkdirSync(user, { recursive: true });
  writeFileSync(
    path.join(user, 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  return `file://${profile}`;
}

/** Converts `file` with LibreOffice (recalculating on load) into `format` in `outDir`; returns the output path. */
export function libreOfficeConvert(file: string, format: 'xlsx' | 'pdf' | 'csv', outDir: string, profileUrl: string): { output: string; stderr: string } {
  mkdirSync(outDir, { recursive: true });
  const run = spawnSync('soffice', [`-env:UserInstallation=${profileUrl}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outDir, file], { encoding: 'utf8', timeout: 300_000 });
  if (run.status !== 0) throw new Error(`soffice failed (${run.status}): ${run.stderr}`);
  const output = path.join(outDir, `${path.basename(file).replace(/\.[^.]+$/, '')}.${format}`);
  return { output, stderr: run.stderr };
}
