export * from './decimal';
export * from './format';
export * from './vat';
export * from './words';
