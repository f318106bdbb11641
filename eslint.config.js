// typescript-eslint with type information (recommendedTypeChecked), run by `npm test` as `npm run lint`.
// Formatting is Prettier's job (.prettierrc.json), so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'packages/e2e/test-results/**',
      'packages/e2e/playwright-report/**',
      'packages/server/bin/**',
      'scripts/**',
      '**/*.mjs',
      '**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Kysely's migration contract is `up(db: Kysely<any>)`: a migration must not depend on today's schema
    // type, which later migrations change (https://kysely.dev/docs/migrations). Existing migrations are
    // also never edited.
    files: ['packages/server/src/db/migrations/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // A Fastify plugin is an async function by contract (FastifyPluginAsync); registering routes in it
    // is synchronous, so a routes file's plugin has nothing to await.
    files: ['packages/server/src/modules/**/*.routes.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    // The web app's tsconfig.json is browser-only and leaves out its tests and build configs, which run in
    // Node; tsconfig.node.json (Node's types) is the project that knows them.
    files: [
      'packages/web/src/**/*.test.ts',
      'packages/web/src/**/*.test.tsx',
      'packages/web/vite.config.ts',
      'packages/web/vitest.config.ts',
    ],
    languageOptions: {
      parserOptions: { projectService: false, project: './packages/web/tsconfig.node.json' },
    },
  },
  {
    // Tests read JSON answers (`res.json()` is `any`) field by field and assert on them; the
    // no-unsafe family would demand a cast per line without catching anything the assertions miss.
    files: ['packages/*/test/**/*.ts', 'packages/**/*.test.ts', 'packages/**/*.test.tsx', 'packages/e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
