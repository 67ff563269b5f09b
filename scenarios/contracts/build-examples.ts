/**
 * Generates the contract artefacts beside this file:
 * - contract.schema.json: the contract file schema as JSON Schema (for
 *   editor completion in YAML: `# yaml-language-server: $schema=./contract.schema.json`);
 * - azure-term-sheet-2027.xlsx: an example term sheet in the documented
 *   layout (README.md), written from azure-term-sheet-2027.yaml so the two
 *   always say the same thing.
 *
 * Run: `npx tsx scenarios/contracts/build-examples.ts`
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ContractFileSchema, type ContractFile } from '../../shared/domain/contracts/schema';
import { termSheetWorkbook } from '../../electron/backend/contracts/term-sheet-writer';
import { parseExactYaml } from '../../shared/domain/yaml-text';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The term-sheet writer is the app's own (`aispend contracts export-term-sheet`); re-exported for the examples' tests. */
export { termSheetWorkbook };

export function contractJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ContractFileSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $id: 'https://aispend.local/schemas/contract.schema.json',
    title: 'AI Spend Workbench contract',
    description: 'Contract terms for pricing usage and checking invoices. Amounts are decimal text in the contract currency; dates are YYYY-MM-DD; percentages are numbers (15 = 15%).',
    ...schema,
  };
}

export function contractJsonSchemaText(): string {
  return `${JSON.stringify(contractJsonSchema(), null, 2)}\n`;
}

export function exampleTermSheetContract(): ContractFile {
  const file = resolve(HERE, 'azure-term-sheet-2027.yaml');
  return ContractFileSchema.parse(parseExactYaml(readFileSync(file, 'utf8'), file));
}

async function main(): Promise<void> {
  writeFileSync(resolve(HERE, 'contract.schema.json'), contractJsonSchemaText());
  writeFileSync(resolve(HERE, 'azure-term-sheet-2027.xlsx'), await termSheetWorkbook(exampleTermSheetContract()));
  console.log('wrote scenarios/contracts/contract.schema.json and azure-term-sheet-2027.xlsx');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main();
}
