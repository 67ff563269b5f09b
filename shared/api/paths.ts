import { z } from 'zod';

/**
 * File paths in the API, marked with what the backend does with the file.
 * In Electron and the CLI a path is whatever the local user chose; browser
 * mode's HTTP host is reachable by anything that holds its token, so it
 * applies one policy to every marked path before a call runs
 * (electron/host/path-policy.ts). The policy finds the paths by walking the
 * method's declared input schema (`findPaths`), so a new method that takes
 * a path is covered by declaring the field with one of these schemas; a
 * test fails for an input field named like a path that carries no mark.
 */
export type PathAccess =
  /** Read and kept (a workspace to open, a file to look at before importing). */
  | 'read'
  /** Read once into the workspace (a statement, price list, contract or drivers file): a browser upload is deleted when the call or job ends. */
  | 'import'
  /** A workspace file created or replaced where the user says; replaced only when the call sets `overwrite: true`. */
  | 'write'
  /** An export written for the user to keep; in browser mode it goes to the host's downloads folder and is fetched from there. */
  | 'export';

export interface PathMeta {
  readonly access: PathAccess;
}

/** The schemas that are file paths, with their access. */
export const pathFields = z.registry<PathMeta>();

function pathText(access: PathAccess) {
  return z
    .string()
    .min(1)
    .max(4096)
    .refine((p) => !p.includes('\0'), 'path must not contain NUL')
    .register(pathFields, { access });
}

/** A file the backend reads and keeps reading from (a workspace, a statement being inspected). */
export const ReadPath = pathText('read');
/** A file the backend reads once into the workspace; a browser upload is removed afterwards. */
export const ImportPath = pathText('import');
/** A workspace file to create (or replace, when the input's `overwrite` is true). */
export const WritePath = pathText('write');
/** Where to write an export (the desktop save dialog's choice; in browser mode the host's downloads folder). */
export const ExportPath = pathText('export');

/** A path value found in an input, where it sits (so the host can replace it with the path it resolved). */
export interface PathHit {
  readonly access: PathAccess;
  readonly value: string;
  /** The object or array holding it, and its key there. */
  readonly holder: Record<string, unknown> | unknown[];
  readonly key: string | number;
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  getter?: () => z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walk(schema: z.ZodType, value: unknown, holder: PathHit['holder'] | null, key: string | number, out: PathHit[], depth: number): void {
  if (depth > 64 || value === undefined || value === null) return;
  const meta = pathFields.get(schema);
  if (meta) {
    if (typeof value === 'string' && holder !== null) out.push({ access: meta.access, value, holder, key });
    return;
  }
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      if (isRecord(value)) for (const [k, field] of Object.entries(def.shape ?? {})) if (k in value) walk(field, value[k], value, k, out, depth + 1);
      return;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      if (def.innerType) walk(def.innerType, value, holder, key, out, depth + 1);
      return;
    case 'pipe':
      if (def.in) walk(def.in, value, holder, key, out, depth + 1);
      return;
    case 'lazy':
      if (def.getter) walk(def.getter(), value, holder, key, out, depth + 1);
      return;
    case 'array':
      if (Array.isArray(value) && def.element) value.forEach((item, i) => walk(def.element as z.ZodType, item, value, i, out, depth + 1));
      return;
    case 'tuple':
      if (Array.isArray(value)) (def.items ?? []).forEach((item, i) => walk(item, value[i], value, i, out, depth + 1));
      return;
    case 'record':
      if (isRecord(value) && def.valueType) for (const k of Object.keys(value)) walk(def.valueType, value[k], value, k, out, depth + 1);
      return;
    case 'intersection':
      if (def.left) walk(def.left, value, holder, key, out, depth + 1);
      if (def.right) walk(def.right, value, holder, key, out, depth + 1);
      return;
    case 'union': {
      // Any option may be the one that matches: each path slot is reported once.
      for (const option of def.options ?? []) {
        const found: PathHit[] = [];
        walk(option, value, holder, key, found, depth + 1);
        for (const hit of found) if (!out.some((o) => o.holder === hit.holder && o.key === hit.key)) out.push(hit);
      }
      return;
    }
    default:
      return;
  }
}

/** Every marked path in an input, as its schema declares them (before validation: what the caller sent). */
export function findPaths(schema: z.ZodType, input: unknown): PathHit[] {
  const out: PathHit[] = [];
  walk(schema, input, null, '', out, 0);
  return out;
}

/** The input fields of a schema, as dotted names (`[]` for array items), each with its path access or null: for tests and docs. */
export function inputFields(schema: z.ZodType): { name: string; access: PathAccess | null; isString: boolean }[] {
  const out: { name: string; access: PathAccess | null; isString: boolean }[] = [];
  const visit = (s: z.ZodType, name: string, depth: number): void => {
    if (depth > 12) return;
    const meta = pathFields.get(s);
    const def = defOf(s);
    if (meta || def.type === 'string') {
      out.push({ name, access: meta?.access ?? null, isString: true });
      return;
    }
    switch (def.type) {
      case 'object':
        for (const [k, field] of Object.entries(def.shape ?? {})) visit(field, name ? `${name}.${k}` : k, depth + 1);
        return;
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        if (def.innerType) visit(def.innerType, name, depth + 1);
        return;
      case 'pipe':
        if (def.in) visit(def.in, name, depth + 1);
        return;
      case 'lazy':
        if (def.getter) visit(def.getter(), name, depth + 1);
        return;
      case 'array':
        if (def.element) visit(def.element, `${name}[]`, depth + 1);
        return;
      case 'union':
        for (const option of def.options ?? []) visit(option, name, depth + 1);
        return;
      case 'intersection':
        if (def.left) visit(def.left, name, depth + 1);
        if (def.right) visit(def.right, name, depth + 1);
        return;
      case 'record':
        if (def.valueType) visit(def.valueType, `${name}{}`, depth + 1);
        return;
      default:
        out.push({ name, access: null, isString: false });
    }
  };
  visit(schema, '', 0);
  return out;
}
