/**
 * YAML files people write by hand (contracts, the allocation policy, energy
 * assumptions): parsed so that every decimal means exactly what was typed,
 * and validation issues named by the path of the field they are about.
 */
import YAML from 'yaml';
import { WorkbenchError } from './errors';

/**
 * Parses YAML text. Decimal numbers are taken from their source text, not
 * from the float the YAML reader made of them, so `price: 0.10` is exactly
 * ten cents and `33.3` stays 33.3; whole numbers stay numbers. A syntax
 * error is a WorkbenchError naming the file and line.
 */
export function parseExactYaml(text: string, file: string): unknown {
  const doc = YAML.parseDocument(text, { keepSourceTokens: true, prettyErrors: true });
  const error = doc.errors[0];
  if (error) {
    const line = error.linePos?.[0]?.line;
    throw new WorkbenchError('invalid_file', `not valid YAML: ${error.message.split('\n')[0]}`, { file, ...(line !== undefined ? { row: line } : {}) });
  }
  YAML.visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'number') return;
      const source = (node.srcToken as { source?: string } | undefined)?.source?.trim();
      if (source === undefined) return;
      if (!(Number.isSafeInteger(node.value) && /^-?\d+$/.test(source))) node.value = source;
    },
  });
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The yaml library stops expanding aliases (*name) past the count: a "billion laughs" file would need gigabytes.
    if (!(error instanceof ReferenceError)) throw error;
    throw new WorkbenchError('invalid_file', `the file repeats its content through aliases (*name) more than ${MAX_ALIAS_COUNT} times; write the values out instead`, { file });
  }
}

/** How many alias uses (*name) a hand-written file may expand; a real file repeats a few blocks, not thousands. */
const MAX_ALIAS_COUNT = 100;

/** A validation issue's path as people read it: ["credits","grants",0,"expires"] → "credits.grants[0].expires". */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}
