export * from './entities/index.ts';
export * from './rules/index.ts';
export * from './sync/index.ts';
export * from './format/index.ts';
export * from './chat/index.ts';
