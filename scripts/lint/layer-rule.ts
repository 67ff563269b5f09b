/**
 * ESLint rule `layers/imports`: every import, re-export, dynamic import and
 * require() must be allowed by the layer table (scripts/lint/layers.ts).
 */
import path from 'node:path';
import type { Rule } from 'eslint';
import { layerProblem } from './layers';

const rule: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layer table in scripts/lint/layers.ts (ARCHITECTURE.md, rules between layers).' },
    messages: { layer: '{{problem}}: {{spec}} (layer table: scripts/lint/layers.ts)' },
    schema: [],
  },
  create(context) {
    const from = path.relative(context.cwd, context.physicalFilename).split(path.sep).join('/');
    const check = (node: Rule.Node, source: unknown): void => {
      if (typeof source !== 'string') return;
      const problem = layerProblem(from, source);
      if (problem !== null) context.report({ node, messageId: 'layer', data: { problem, spec: source } });
    };
    const literal = (node: Rule.Node, expr: unknown): void => {
      const e = expr as { type?: string; value?: unknown } | null | undefined;
      if (e?.type === 'Literal') check(node, e.value);
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => check(node, node.source?.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => literal(node, node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') literal(node, node.arguments[0]);
      },
      // `import('x').Type` in a type position, and `import x = require('x')`.
      TSImportType: (node: Rule.Node) => {
        const arg = (node as unknown as { argument?: { type?: string; literal?: unknown } }).argument;
        literal(node, arg?.type === 'TSLiteralType' ? arg.literal : arg);
      },
      TSExternalModuleReference: (node: Rule.Node) => literal(node, (node as unknown as { expression?: unknown }).expression),
    } as Rule.RuleListener;
  },
};

export const layersPlugin = { rules: { imports: rule } };
