// Lint rules: typescript-eslint's recommended set, Prettier owns formatting, and the
// domain stays pure (no clock, no randomness, no I/O libraries) — see STYLE.md.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.weft/**', 'out/**', 'coverage/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-console': 'error',
    },
  },
  {
    // The monitor's dashboard runs in the browser (bundled by esbuild, checked by its own tsconfig).
    files: ['apps/monitor/dashboard/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['bin/**/*.js', 'jest.config.js', '.dependency-cruiser.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['libs/domain/src/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'the domain takes its inputs as arguments' },
        { name: 'setTimeout', message: 'the domain has no timers: return them' },
        { name: 'setInterval', message: 'the domain has no timers: return them' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'the domain has no clock: pass the time in' },
        { object: 'Math', property: 'random', message: 'use the seeded generator' },
        { object: 'performance', property: 'now', message: 'the domain has no clock' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date']", message: 'the domain has no clock' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'kafkajs', 'ioredis', 'pino', 'node:*', 'fs', 'crypto'],
              message: 'the domain does no I/O',
            },
            { group: ['@weft/*'], message: 'the domain imports nothing of ours' },
          ],
        },
      ],
    },
  },
);
