// ESLint (flat config). Layer rules are enforced here as import restrictions
// and, more thoroughly, by test/unit/architecture/layers.test.ts.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeOnly = ['better-sqlite3', 'electron', '@cj-tech-master/excelts', '@duckdb/node-api', 'commander', 'cli-progress'];
const domOnly = ['react', 'react-dom', 'echarts', 'echarts-for-react', 'ag-grid-community', 'ag-grid-react'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/results/**', 'test-results/**', 'playwright-report/**', '.cache/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-globals': ['error', { name: 'parseFloat', message: 'Money is exact: use parseMoney / parseScaledDecimal.' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ is the pure core: it imports nothing from electron/ or renderer/.' },
            { group: ['node:*'], message: 'shared/ runs in the browser too: no Node built-ins.' },
          ],
          paths: [...nodeOnly, ...domOnly].map((name) => ({ name, message: 'shared/ imports no Node-only or DOM-only package.' })),
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/electron/**'], message: 'renderer/ talks to the backend only through shared/api.' },
            { group: ['node:*'], message: 'renderer/ runs in a browser: no Node built-ins.' },
          ],
          paths: nodeOnly.map((name) => ({ name, message: 'renderer/ imports no Node-only package.' })),
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/renderer/**'], message: 'electron/ talks to the UI only through shared/api.' }],
          paths: domOnly.map((name) => ({ name, message: 'electron/ imports no DOM-only package.' })),
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
