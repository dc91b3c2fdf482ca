export * from './numbers.ts';
export * from './units.ts';
export * from './phone.ts';
