import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  // tests/fixtures holds deliberately hostile programs and data, not project code.
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'coverage/**', 'tests/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    // shared: no DOM, no Node, and nothing from client or server (types for both sides live here).
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'crypto', 'os', 'http'],
              message: 'shared/ runs in the browser too: no Node modules.',
            },
            {
              group: ['**/client/**', '**/server/**', '@duet/client', '@duet/server'],
              message: 'shared/ imports neither client nor server.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The client runs in the browser: no Node modules.' },
            {
              group: ['**/server/**', '@duet/server'],
              message: 'The client talks to the server over HTTP and WebSocket only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.{ts,mjs}'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/client/**', '@duet/client'], message: 'The server does not import client code.' }] },
      ],
    },
  },
  {
    files: ['tests/**/*.{ts,mjs}', '*.{js,ts,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
