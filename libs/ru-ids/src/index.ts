export * from './ids';
export * from './phone';
