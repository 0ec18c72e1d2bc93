export * from './errors.js';
export * from './validation.js';
export * from './protocol/roles.js';
export * from './protocol/documents.js';
export * from './protocol/wire.js';
export * from './api/rooms.js';
export * from './problems/problem.js';
export * from './problems/run.js';
