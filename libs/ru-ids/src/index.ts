export * from './ids';
export * from './phone';
export * from './bank';
