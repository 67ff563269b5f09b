/**
 * A sheet too large to build in memory (up to Excel's 1,048,576 rows of
 * ledger lines) is written into the finished workbook as a stream: the file
 * excelts wrote holds the sheet's header rows and one template row (whose
 * cells carry the column styles); its XML is split there and the rows are
 * deflated into the new file as they arrive, so memory stays flat whatever
 * the row count. Text is written as inline strings, never as formulas.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate } from 'fflate';
import { WorkbenchError } from '../../../shared/domain/errors';
import { columnLetter, MAX_ROWS, safeText } from '../../../shared/workbook/grid';
import type { CellValue, Sheet } from '../../../shared/workbook/model';
import type { WriteProgress } from './workbook-writer';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => XML_ESCAPES[ch]!);
}

/** The worksheet part of a sheet, from workbook.xml and its relationships. */
function sheetPath(files: Record<string, Uint8Array>, name: string): string {
  const workbook = strFromU8(files['xl/workbook.xml']!);
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']!);
  const escaped = escapeXml(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const sheet = new RegExp(`<sheet[^>]*name="${escaped}"[^>]*r:id="([^"]+)"`).exec(workbook) ?? new RegExp(`<sheet[^>]*r:id="([^"]+)"[^>]*name="${escaped}"`).exec(workbook);
  if (!sheet) throw new WorkbenchError('internal', `the workbook has no sheet ${name} to stream into`);
  const rel = new RegExp(`<Relationship[^>]*Id="${sheet[1]}"[^>]*Target="([^"]+)"`).exec(rels) ?? new RegExp(`<Relationship[^>]*Target="([^"]+)"[^>]*Id="${sheet[1]}"`).exec(rels);
  if (!rel) throw new WorkbenchError('internal', `no part for sheet ${name}`);
  const target = rel[1]!.replace(/^\/?xl\//, '');
  return `xl/${target}`;
}

export function rowXml(row: number, values: readonly CellValue[], styles: readonly (string | undefined)[]): string {
  let xml = `<row r="${row}">`;
  values.forEach((v, c) => {
    if (v === null || v === undefined) return;
    const ref = `${columnLetter(c)}${row}`;
    const s = styles[c] ? ` s="${styles[c]}"` : '';
    if (typeof v === 'number') {
      if (Number.isFinite(v)) xml += `<c r="${ref}"${s}><v>${v}</v></c>`;
    } else if (typeof v === 'boolean') xml += `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
    else xml += `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(safeText(v))}</t></is></c>`;
  });
  return `${xml}</row>`;
}

export async function spliceStreamedSheet(buffer: Uint8Array, sheet: Sheet, file: string, progress?: WriteProgress, signal?: AbortSignal): Promise<{ bytes: number; rows: number }> {
  const stream = sheet.stream!;
  const files = unzipSync(buffer);
  const path = sheetPath(files, sheet.name);
  const xml = strFromU8(files[path]!);
  // The template row: the first row after the sheet's own rows.
  const templateRow = sheet.rows.length + 1;
  const template = new RegExp(`<row r="${templateRow}"[^>]*>([\\s\\S]*?)</row>`).exec(xml);
  if (!template) throw new WorkbenchError('internal', `sheet ${sheet.name} has no template row`);
  const styles: (string | undefined)[] = [];
  for (const m of template[1]!.matchAll(/<c r="([A-Z]+)\d+"(?:[^>]*?\ss="(\d+)")?/g)) {
    const col = m[1]!.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    styles[col] = m[2];
  }
  const before = xml.slice(0, template.index).replace(/<dimension[^>]*\/>/, '');
  let after = xml.slice(template.index + template[0].length);

  const out = createWriteStream(file);
  const failed = new Promise<never>((_, reject) => out.on('error', reject));
  let bytes = 0;
  const done = new Promise<void>((resolve, reject) => {
    const zip = new Zip((err, chunk, final) => {
      if (err) return reject(err);
      bytes += chunk.length;
      out.write(chunk);
      if (final) out.end(resolve);
    });
    void (async () => {
      try {
        for (const [name, data] of Object.entries(files)) {
          const entry = new ZipDeflate(name, { level: 6 });
          zip.add(entry);
          if (name !== path) {
            entry.push(data, true);
            continue;
          }
          entry.push(strToU8(before));
          let row = templateRow;
          let chunk: string[] = [];
          for await (const values of stream.rows()) {
            if (row > MAX_ROWS) throw new WorkbenchError('bad_input', `the ledger extract has more lines than Excel's ${MAX_ROWS.toLocaleString('en-US')} rows: export it aggregated`, { field: 'ledger' });
            chunk.push(rowXml(row, values, styles));
            row++;
            if (chunk.length === 2000) {
              entry.push(strToU8(chunk.join('')));
              chunk = [];
              if (signal?.aborted) throw new WorkbenchError('cancelled', 'the export was cancelled');
              progress?.(row - templateRow, stream.expectedRows, 'Writing ledger lines');
              if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), failed]);
            }
          }
          if (chunk.length > 0) entry.push(strToU8(chunk.join('')));
          const lastRow = Math.max(row - 1, templateRow - 1);
          after = after.replace(/<autoFilter ref="([A-Z]+)(\d+):([A-Z]+)\d+"/, (_m, c1: string, r1: string, c2: string) => `<autoFilter ref="${c1}${r1}:${c2}${lastRow}"`);
          entry.push(strToU8(after), true);
          streamedRows = row - templateRow;
        }
        zip.end();
      } catch (error) {
        zip.terminate();
        out.destroy();
        reject(error);
      }
    })();
  });
  let streamedRows = 0;
  await Promise.race([done, failed]);
  const size = (await stat(file)).size;
  return { bytes: size || bytes, rows: streamedRows };
}
