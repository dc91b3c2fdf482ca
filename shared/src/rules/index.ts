export * from './result.ts';
export * from './vin.ts';
export * from './wmi.ts';
export * from './leads.ts';
export * from './sales.ts';
export * from './vehicles.ts';
export * from './notes.ts';
export * from './documents.ts';
