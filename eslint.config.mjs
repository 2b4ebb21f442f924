// ESLint (flat config): typescript-eslint's recommended rules, plus the project's boundaries:
// the core, the shared protocol and the webview never import `vscode`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The core, the shared protocol and the webview run without VS Code.' }] }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'src/core/formats/agentflowValidator.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  { files: ['src/core/**', 'src/shared/**', 'webview/**'], rules: noVscode },
  { files: ['**/*.js', '**/*.mjs', 'scripts/**', 'test/**'], languageOptions: { globals: globals.node } },
  // these drive a browser: code inside page.evaluate() runs there
  { files: ['test/webview/**', 'test/ui/**', 'scripts/vscode/**', 'scripts/screenshots.mjs'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
);
