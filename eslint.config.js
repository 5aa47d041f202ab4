// Type-aware lint: floating promises, exhaustive switches, import cycles and the dependency rule.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const infrastructure = [
  '@nestjs/*',
  'typeorm',
  'bullmq',
  'ioredis',
  'pg',
  'better-sqlite3',
  'fastify',
  '#persistence',
  '#queues',
  '#config',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'artifacts/**', 'apps/web/**', 'data/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'import-x/no-cycle': ['error', { maxDepth: 4, ignoreExternal: true }],
      'import-x/no-default-export': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through libs/config (loadConfig).' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apps/**', '../../../*'],
              message: 'Libs never import apps; use the package imports (#scheduling, #persistence...) instead of relative ladders.',
            },
          ],
        },
      ],
    },
  },
  {
    // Nest's DI needs the runtime class for constructor parameters: type-only imports would erase them.
    files: [
      'apps/**/*.ts',
      'libs/**/*.module.ts',
      'libs/**/*.controller.ts',
      'libs/**/*.processor.ts',
      'libs/queues/**/*.ts',
      'libs/persistence/**/*.ts',
    ],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['libs/scheduling/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: infrastructure, message: 'The scheduling domain is pure TypeScript + luxon.' },
            { group: ['**/application/**', '**/apps/**'], message: 'The domain does not depend on the application layer or apps.' },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/scheduling/src/application/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['typeorm', 'bullmq', 'ioredis', '#persistence', '#queues', '**/apps/**'],
              message: 'Use cases talk to ports, not to adapters.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'libs/config/**/*.ts',
      'test/**/*.ts',
      'scripts/**/*.ts',
      '**/*.spec.ts',
      '**/*.e2e-spec.ts',
      'libs/persistence/src/testing/**/*.ts',
    ],
    rules: { 'no-restricted-properties': 'off', 'no-restricted-imports': 'off' },
  },
  prettier,
);
