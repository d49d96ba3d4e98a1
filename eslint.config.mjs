// Lint for the whole workspace. The module-boundary rule is what keeps the architecture honest:
// apps never import apps, workflow code never touches I/O libraries (ARCHITECTURE.md, STYLE.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';

const appScopes = ['intake', 'routing', 'assessment', 'publication', 'ledger'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.huiying/**', '.nx/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../*'], message: 'Use the workspace aliases (@huiying/*) instead of climbing across projects.' }] }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform', 'type:workflow'] },
            ...appScopes.map((s) => ({ sourceTag: `scope:${s}`, onlyDependOnLibsWithTags: ['scope:shared'] })),
            { sourceTag: 'scope:worker', onlyDependOnLibsWithTags: ['scope:shared', 'scope:workflows'] },
            {
              sourceTag: 'type:workflow',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'],
              bannedExternalImports: [
                '@temporalio/worker', '@temporalio/client', '@temporalio/activity', '@temporalio/testing',
                'typeorm', 'pg', '@nestjs/*', 'kafkajs',
              ],
            },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'] },
          ],
        },
      ],
    },
  },
  {
    // Workflow code takes only the workflow-safe entry of contracts (no class-validator, no Nest, no swagger).
    files: ['workflows/src/**/*.ts'],
    ignores: ['**/*.workflow.spec.ts', '**/test/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: '@huiying/contracts', message: 'Workflows import @huiying/contracts/workflow only.' }],
        patterns: [{ group: ['../../*'], message: 'Use the workspace aliases (@huiying/*).' }],
      }],
    },
  },
  {
    // Tests of a workflow may start the time-skipping server and a worker.
    files: ['**/*.workflow.spec.ts', '**/*.integration-spec.ts', '**/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
);
