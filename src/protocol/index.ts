export * from './config.js';
export * from './endpoints.js';
export * from './error.js';
export * from './health.js';
