// One jest config, three kinds of test (STYLE.md → Tests):
//   unit         *.spec.ts              pure logic, no I/O
//   integration  *.integration-spec.ts  against the real Postgres / Kafka / Temporal started by deploy/local
//   workflow     *.workflow.spec.ts     Temporal time-skipping test server
const { pathsToModuleNameMapper } = require('./tools/jest/paths');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const common = {
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: pathsToModuleNameMapper(),
  modulePathIgnorePatterns: ['<rootDir>/.huiying/', '/dist/'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/.huiying/'],
};

module.exports = {
  // Generous because integration and workflow tests wait on real servers; unit tests finish in milliseconds anyway.
  testTimeout: 120000,
  testSequencer: '<rootDir>/tools/jest/sequencer.js',
  projects: [
    { ...common, displayName: 'unit', testRegex: '(?<!\\.workflow)\\.spec\\.ts$' },
    { ...common, displayName: 'integration', testRegex: '\\.integration-spec\\.ts$', globalSetup: '<rootDir>/tools/jest/access-setup.ts' },
    { ...common, displayName: 'workflow', testRegex: '\\.workflow\\.spec\\.ts$' },
  ],
};
