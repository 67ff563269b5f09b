/**
 * Browser mode's path policy finds paths by their mark in the API's input
 * schemas (shared/api/paths.ts). A field that takes a path without the mark
 * would slip past it, so every input field named like a path must carry
 * one, and the walker must find each mark in a value.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findPaths, ImportPath, inputFields, jobs, methods, ReadPath, WritePath, type PathAccess } from '../../../shared/api';

/** Names that hold a path: `path`, `…Path`, `dir`, `…Dir`, `folder`, `file` (not `fileName`, a name to show). */
const PATH_LIKE = /(^|\.)(path|[a-z]+Path|dir|[a-z]+Dir|folder|[a-z]+Folder|file)(\[\])?$/;

const declared: [string, z.ZodType][] = [
  ...Object.entries(methods).map(([name, spec]) => [name, spec.input] as [string, z.ZodType]),
  ...Object.entries(jobs).map(([name, spec]) => [`job ${name}`, spec.input] as [string, z.ZodType]),
];

describe('paths in the API are marked', () => {
  it('marks every input field named like a path', () => {
    const unmarked = declared.flatMap(([name, schema]) => inputFields(schema).filter((f) => f.isString && f.access === null && PATH_LIKE.test(f.name)).map((f) => `${name}: ${f.name}`));
    expect(unmarked).toEqual([]);
  });

  it('declares what each method does with its path', () => {
    const marked = Object.fromEntries(
      declared
        .map(([name, schema]) => [name, inputFields(schema).filter((f) => f.access !== null).map((f) => `${f.name}:${f.access}`)] as const)
        .filter(([, fields]) => fields.length > 0),
    );
    expect(marked).toEqual({
      'workspace.new': ['path:write'],
      'workspace.open': ['path:read'],
      'workspace.saveAs': ['path:write'],
      'imports.detect': ['path:read'],
      'imports.preview': ['path:read'],
      'pricing.exportCsv': ['path:export'],
      'contracts.importFile': ['path:import'],
      'contracts.exportInvoiceCheckCsv': ['path:export'],
      'contracts.draftsFromFocusCommitments': ['path:import'],
      'contracts.exportFocusCommitments': ['path:export'],
      'contracts.exportTermSheet': ['path:export'],
      'scenarios.run': ['path:read'],
      'scenarios.resolve': ['path:read'],
      'drivers.import': ['path:import'],
      'allocation.chargebackCsv': ['path:export'],
      'warehouse.pushdown': ['like:read'],
      'job workspace.buildDemo': ['path:write'],
      'job imports.run': ['path:import'],
      'job ledger.export': ['out:export'],
      'job pricing.importCsv': ['path:import'],
      'job scenarios.simulate': ['path:read'],
      'job export.workbook': ['files[].path:read', 'out:export'],
      'job allocation.export': ['path:export'],
      'job warehouse.exportFocus': ['out:export'],
    });
  });

  it('finds each marked path in a value, through optional fields, arrays, unions and refinements', () => {
    const schema = z
      .object({
        one: ReadPath,
        maybe: WritePath.optional(),
        many: z.array(z.object({ file: ImportPath })).default([]),
        either: z.union([z.object({ kind: z.literal('a'), from: ReadPath }), z.object({ kind: z.literal('b'), name: z.string() })]),
        plain: z.string(),
      })
      .strict()
      .refine(() => true);
    const value = { one: '/a', maybe: '/b', many: [{ file: '/c' }, { file: '/d' }], either: { kind: 'a', from: '/e' }, plain: '/not-a-path' };
    const hits = findPaths(schema, value).map((h): [PathAccess, string] => [h.access, h.value]);
    expect(hits).toEqual([
      ['read', '/a'],
      ['write', '/b'],
      ['import', '/c'],
      ['import', '/d'],
      ['read', '/e'],
    ]);
    // Each hit can be replaced where it sits (the host substitutes the path it resolved).
    for (const hit of findPaths(schema, value)) (hit.holder as Record<string | number, unknown>)[hit.key] = `${hit.value}!`;
    expect(value.many[1]?.file).toBe('/d!');
    expect(value.plain).toBe('/not-a-path');
  });
});
