export * from './roles';
export * from './permissions';
export * from './scope';
export * from './records';
export * from './responsible';
