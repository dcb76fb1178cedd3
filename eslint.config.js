import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.data/', 'dist/', 'modeler/dist/', 'test-artifacts/', '.venv-fuzz/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  { files: ['scripts/**', 'server/src/*/cli.ts', 'server/src/*/*/cli.ts', 'modeler/**/*.js'], rules: { 'no-console': 'off' } },
  { files: ['scripts/**/*.mjs'], languageOptions: { globals: { fetch: 'readonly', console: 'readonly', process: 'readonly' } } },
  { files: ['modeler/**/*.js'], languageOptions: { globals: { window: 'readonly', document: 'readonly', fetch: 'readonly', sessionStorage: 'readonly', FormData: 'readonly', alert: 'readonly', console: 'readonly' } } },
);
