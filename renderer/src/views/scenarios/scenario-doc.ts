import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';

/**
 * The builder's forms edit the scenario file's YAML in place: each change is
 * a set/delete at a path of the parsed document, written back as text, so
 * the user's comments and layout survive and the YAML view is always what
 * gets saved.
 */
export type YamlPath = (string | number)[];

export function parseYaml(text: string): Document | null {
  const doc = parseDocument(text, { uniqueKeys: true });
  return doc.errors.length > 0 ? null : doc;
}

/** Sets (or, for undefined or '', deletes) the value at `path` and returns the new text. */
export function setAt(text: string, path: YamlPath, value: unknown): string {
  const doc = parseYaml(text);
  if (!doc) return text;
  const existing = doc.getIn(path, true);
  if (value === undefined || value === '') doc.deleteIn(path);
  // A scalar keeps its node, and with it any comment beside it.
  else if (isScalar(existing) && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) existing.value = value;
  else doc.setIn(path, doc.createNode(value, { flow: isFlowValue(value) }));
  return doc.toString({ lineWidth: 0 });
}

/** Small objects (a distribution, a range) read best on one line: `{ min: 0.6, max: 0.8 }`. */
function isFlowValue(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length <= 5 && Object.values(value).every((v) => typeof v !== 'object');
}

/** Appends an item to the list at `path` (creating the list) and returns the new text. */
export function appendAt(text: string, path: YamlPath, item: unknown): string {
  const doc = parseYaml(text);
  if (!doc) return text;
  const list = doc.getIn(path, true);
  if (!isSeq(list)) doc.setIn(path, doc.createNode([item]));
  else list.items.push(doc.createNode(item));
  return doc.toString({ lineWidth: 0 });
}

export function removeAt(text: string, path: YamlPath): string {
  const doc = parseYaml(text);
  if (!doc) return text;
  doc.deleteIn(path);
  return doc.toString({ lineWidth: 0 });
}

/** Moves list item `index` of the list at `path` by `delta` (−1 up, +1 down). */
export function moveAt(text: string, path: YamlPath, index: number, delta: number): string {
  const doc = parseYaml(text);
  if (!doc) return text;
  const list = doc.getIn(path, true);
  if (!isSeq(list)) return text;
  const target = index + delta;
  if (target < 0 || target >= list.items.length) return text;
  const [item] = list.items.splice(index, 1);
  list.items.splice(target, 0, item);
  return doc.toString({ lineWidth: 0 });
}

/** The plain value at a path (for the forms to show). */
export function valueAt(doc: Document | null, path: YamlPath): unknown {
  if (!doc) return undefined;
  const node = doc.getIn(path, true);
  if (node === undefined) return undefined;
  return isMap(node) || isSeq(node) ? (node.toJSON() as unknown) : doc.getIn(path);
}
