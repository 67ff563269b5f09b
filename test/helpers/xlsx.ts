import { readFileSync, writeFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import * as XLSX from 'xlsx';

export function readWorkbook(file: string): XLSX.WorkBook {
  return XLSX.read(readFileSync(file), { sheetStubs: true, cellFormula: true, cellNF: true });
}

/** A defined name's sheet and first cell ("Summary!$B$7" → ["Summary", "B7"]). */
export function nameTarget(wb: XLSX.WorkBook, name: string): { sheet: string; cells: string[] } {
  const n = wb.Workbook?.Names?.find((x) => x.Name.toLowerCase() === name.toLowerCase());
  if (!n) throw new Error(`no defined name ${name}`);
  const m = /^'?(.+?)'?!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(n.Ref);
  if (!m) throw new Error(`cannot read ${n.Ref}`);
  const [, sheet, c1, r1, c2, r2] = m;
  const cells: string[] = [];
  const first = XLSX.utils.decode_cell(`${c1}${r1}`);
  const last = c2 ? XLSX.utils.decode_cell(`${c2}${r2}`) : first;
  for (let r = first.r; r <= last.r; r++) for (let c = first.c; c <= last.c; c++) cells.push(XLSX.utils.encode_cell({ r, c }));
  return { sheet: sheet!.replace(/''/g, "'"), cells };
}

export function valueOfName(wb: XLSX.WorkBook, name: string): unknown {
  const t = nameTarget(wb, name);
  return wb.Sheets[t.sheet]![t.cells[0]!]?.v;
}

/** The worksheet part of a sheet inside the .xlsx zip. */
function sheetPart(files: Record<string, Uint8Array>, sheet: string): string {
  const workbook = strFromU8(files['xl/workbook.xml']!);
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']!);
  const rid = new RegExp(`<sheet [^>]*name="${sheet.replace(/&/g, '&amp;')}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1];
  if (!target) throw new Error(`no part for ${sheet}`);
  return `xl/${target.replace(/^\/?xl\//, '')}`;
}

/**
 * Types numbers into cells of an .xlsx as a user would (the cells' formulas,
 * if any, are replaced by the value), writing a new file; nothing else in the
 * file changes.
 */
export function setCells(file: string, out: string, sheet: string, values: Map<string, number>): void {
  const files = unzipSync(readFileSync(file));
  const part = sheetPart(files, sheet);
  let xml = strFromU8(files[part]!);
  for (const [cell, value] of values) {
    const re = new RegExp(`<c r="${cell}"([^>]*?)(?:/>|>[\\s\\S]*?</c>)`);
    if (!re.test(xml)) throw new Error(`no cell ${sheet}!${cell} to change`);
    xml = xml.replace(re, (_m, attrs: string) => `<c r="${cell}"${attrs.replace(/\s*t="[^"]*"/, '')}><v>${value}</v></c>`);
  }
  files[part] = strToU8(xml);
  writeFileSync(out, zipSync(files));
}

export function zipEntries(file: string): Record<string, string> {
  const files = unzipSync(readFileSync(file));
  return Object.fromEntries(Object.entries(files).filter(([n]) => n.endsWith('.xml') || n.endsWith('.rels')).map(([n, d]) => [n, strFromU8(d)]));
}
