// One linter for the whole repository. Beyond the recommended rules it keeps the
// dependency direction of STYLE.md: adapters → services → repositories → database.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noForeignRepositories = {
  group: ['@/domains/*/*-repository*'],
  message: 'Reach another domain through its service, never its repository (STYLE.md §2).',
};

export default tseslint.config(
  { ignores: ['dist/**', 'web/dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { patterns: [noForeignRepositories] }],
    },
  },
  {
    // Services, repositories and pure rules never know about HTTP.
    files: ['src/domains/**/*-service.ts', 'src/domains/**/*-repository.ts', 'src/domains/**/region-*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noForeignRepositories,
            { group: ['fastify', 'fastify-*', '@fastify/*', '@/http/*'], message: 'Services never import the web framework (STYLE.md §2).' },
          ],
        },
      ],
    },
  },
  {
    // Only repositories (and the database module) write SQL.
    files: ['src/**/*.ts'],
    ignores: ['src/db/**', 'src/**/*-repository.ts', 'src/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='kysely'] ImportSpecifier[imported.name='sql']",
          message: 'Only repositories write SQL (STYLE.md §8).',
        },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
