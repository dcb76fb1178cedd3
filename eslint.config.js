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
  // The case ledger (server/src/intake/ledger.ts) is the only way for other features to change a case:
  // outside intake, production code may read cases (caseReads) but not reach the case model itself.
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/intake/**', 'server/src/**/*.test.ts', 'server/src/**/test-fixtures.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/intake/case.model.ts'], message: 'Change a case through the CaseLedger (intake/ledger.ts); read it through caseReads.' },
        { group: ['**/intake/index.ts'], importNames: ['caseModel'], message: 'Change a case through the CaseLedger (intake/ledger.ts); read it through caseReads.' },
      ] }],
    },
  },
  { files: ['scripts/**', 'server/src/*/cli.ts', 'server/src/*/*/cli.ts', 'modeler/**/*.js'], rules: { 'no-console': 'off' } },
  { files: ['scripts/**/*.mjs'], languageOptions: { globals: { fetch: 'readonly', console: 'readonly', process: 'readonly' } } },
  { files: ['modeler/**/*.js'], languageOptions: { globals: { window: 'readonly', document: 'readonly', fetch: 'readonly', sessionStorage: 'readonly', FormData: 'readonly', alert: 'readonly', console: 'readonly' } } },
);
