export * from './types.ts';
export * from './text.ts';
export * from './numbers.ts';
export * from './parse.ts';
export * from './period.ts';
export * from './tools.ts';
export * from './answer.ts';
export * from './device.ts';
