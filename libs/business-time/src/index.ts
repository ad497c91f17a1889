export * from './moscow';
export * from './periods';
export * from './working-time';
