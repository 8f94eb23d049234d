// Lint configuration: typescript-eslint's strict type-checked rules for our TypeScript, plain JS rules for scripts.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // examples/ is a user project that techspec lints, not our code; fixtures are data. The VS Code extension's entry
  // imports `vscode` and `vscode-languageclient`, installed only in editors/vscode (npm run package:vscode, which
  // typechecks it with its own tsconfig); its server-path.ts is plain Node and linted here.
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'bench/node_modules/**',
      'bench/.lsp-build/**',
      'editors/vscode/dist/**',
      'editors/vscode/node_modules/**',
      'editors/vscode/src/extension.ts',
      'examples/**',
      'test/fixtures/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Numbers in messages and paths are everywhere in a linter's output; String() around each adds nothing.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  // Our own regular expressions run over user text of up to 10 MiB: none may backtrack super-linearly (ReDoS).
  {
    files: ['src/**/*.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' },
    },
  },
);
