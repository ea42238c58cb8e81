// One Jest config for the whole workspace: tiers are chosen by file name (.spec / .int-spec / .e2e-spec).
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/simulator', '<rootDir>/tools'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
    '/node_modules/jose/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // jose ships ESM only: Node >= 20.19 requires it natively, Jest's module system needs it compiled to CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleNameMapper,
  setupFiles: ['reflect-metadata', '<rootDir>/tools/jest-setup.ts'],
  // Every run talks to its own nats-server with the locked configuration (docs/architecture.md, "A locked bus").
  globalSetup: '<rootDir>/tools/jest-global-setup.js',
  globalTeardown: '<rootDir>/tools/jest-global-teardown.js',
  // Generous: the e2e suites start whole stacks, and a loaded machine (CI, or a developer running other work) can
  // take several times as long as a quiet one; a hanging test still fails, only later.
  testTimeout: 120_000,
  // Four workers on CI's two cores: the outage and e2e suites spend most of their time waiting (a server stopped,
  // Clio's answers slowed, a stack starting), so more workers fill the idle CPU. Two to three workers took CI from 17
  // to about 12 minutes (when the suites were fewer); three to four, Jest's own time from 876 s to the figure in the
  // README, "Tests".
  maxWorkers: 4,
};
