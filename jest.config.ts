import type { Config } from 'jest';

/** SWC compiles TypeScript with decorator metadata (Nest DI, class-validator, TypeORM). */
const swc: [string, Record<string, unknown>] = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

/** Tests run against the libraries' TypeScript sources, no build needed. `libs` is the path to libs/ from a project's rootDir. */
const libsFrom = (libs: string) => ({
  '^@polar/access$': `${libs}/access/src/index.ts`,
  '^@polar/api-client$': `${libs}/api-client/src/index.ts`,
  '^@polar/business-time$': `${libs}/business-time/src/index.ts`,
  '^@polar/calendar$': `${libs}/calendar/src/index.ts`,
  '^@polar/money$': `${libs}/money/src/index.ts`,
  '^@polar/ru-ids$': `${libs}/ru-ids/src/index.ts`,
});
const moduleNameMapper = libsFrom('<rootDir>/../../libs');

const config: Config = {
  projects: [
    {
      displayName: 'api-unit',
      rootDir: '<rootDir>/apps/api',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      transform: { '^.+\\.ts$': swc },
      moduleNameMapper,
    },
    {
      displayName: 'api-e2e',
      rootDir: '<rootDir>/apps/api',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': swc },
      moduleNameMapper,
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      // Real databases and argon2 on a 2-core machine that may be busy: starting an app
      // takes seconds, so hooks and tests get a generous limit (a hang still fails).
      slowTestThreshold: 30,
      setupFilesAfterEnv: ['<rootDir>/test/setup/timeout.ts'],
    },
    {
      displayName: 'libs',
      rootDir: '<rootDir>/libs',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/*/src/**/*.spec.ts'],
      transform: { '^.+\\.ts$': swc },
      moduleNameMapper: libsFrom('<rootDir>'),
    },
  ],
};

export default config;
