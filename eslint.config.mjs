import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'];

/** Which scopes each scope may import (besides its own). */
const SCOPE_DEPS = {
  'scope:shared': [],
  'scope:platform': ['scope:shared'],
  'scope:simulator': ['scope:shared', 'scope:platform'],
  'scope:auth': ['scope:shared', 'scope:platform', 'scope:simulator'],
  'scope:clio': ['scope:shared', 'scope:platform', 'scope:simulator'],
  'scope:sync': ['scope:shared', 'scope:platform', 'scope:simulator', 'scope:clio'],
  'scope:fetcher': ['scope:shared', 'scope:platform', 'scope:simulator', 'scope:clio', 'scope:sync'],
  'scope:processor': ['scope:shared', 'scope:platform', 'scope:simulator', 'scope:clio', 'scope:sync'],
  'scope:webhooks': ['scope:shared', 'scope:platform', 'scope:simulator', 'scope:clio', 'scope:sync', 'scope:auth'],
};
const scopeConstraints = Object.entries(SCOPE_DEPS).map(([scope, deps]) => ({
  sourceTag: scope,
  onlyDependOnLibsWithTags: [scope, ...deps],
}));

/** @param {boolean} inTests tests of any lib may also use the testing lib */
const boundaries = (inTests) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow: [],
    // The testing lib creates migrated databases for every lib's tests, including the db lib's own.
    // It depends on nothing but db and contracts, so this is the only cycle allowed.
    ignoredCircularDependencies: [['db', 'testing']],
    depConstraints: [
      // Pure libraries (contracts, policies, deciders) import no I/O and nothing but other pure libs.
      { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', ...(inTests ? ['type:testing'] : [])] },
      {
        sourceTag: 'type:util',
        onlyDependOnLibsWithTags: ['type:domain', 'type:util', ...(inTests ? ['type:testing'] : [])],
      },
      {
        sourceTag: 'type:infra',
        onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:infra', ...(inTests ? ['type:testing'] : [])],
      },
      {
        sourceTag: 'type:testing',
        onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:infra', 'type:testing'],
      },
      // Libraries never import apps; apps may use every kind of lib.
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:infra', 'type:testing'] },
      // Scopes: each service owns its tables, and another service cannot import its schema (or anything else of
      // it). The platform and the shared contracts serve everyone; the simulator is a stand-in for Clio anyone may
      // test against; sync, fetcher and processor read the Clio mirror and rate budget.
      ...scopeConstraints,
    ],
  },
];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/tmp/**', '.nx/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': boundaries(false),
    },
  },
  {
    // The simulator stands in for Clio in development, demos and tests: no production path of a lib or app reaches it.
    // Placed before the pure-lib block, which replaces this rule's options for pure libs (their tags already forbid it).
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    ignores: [...TEST_FILES, '**/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@sf/clio-simulator', message: 'Only tests, testing helpers, tools and bench use the simulator.' },
          ],
        },
      ],
    },
  },
  {
    // Pure libraries: no database, broker, HTTP or file system.
    files: ['libs/contracts/**/*.ts', 'libs/sync/policy/**/*.ts', 'libs/sync/jobs/**/*.ts', 'libs/clio/writes/**/*.ts'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'pg',
                'kysely',
                'kysely/*',
                '@nats-io/*',
                'node:fs',
                'fs',
                'node:http',
                'http',
                'undici',
                '@nestjs/*',
              ],
              message: 'Pure libraries import no I/O.',
            },
          ],
        },
      ],
    },
  },
  {
    files: TEST_FILES,
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': boundaries(true),
    },
  },
  // A lib's test kit (src/testing, the `@sf/<lib>/testing` entry that only tests import) is part of its tests.
  { files: ['libs/**/src/testing/**/*.ts'], rules: { '@nx/enforce-module-boundaries': boundaries(true) } },
];
