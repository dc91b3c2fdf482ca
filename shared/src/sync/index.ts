export * from './protocol.ts';
export * from './collections.ts';
export * from './rxdb-schema.ts';
