// Standalone config so the package's tests can run before the root Jest config
// picks libs/* up: `npx jest -c libs/calendar/jest.config.js` from the repo root.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: { '^.+\\.ts$': '@swc/jest' },
};
