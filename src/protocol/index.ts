export * from './config.js';
export * from './endpoints.js';
export * from './error.js';
export * from './health.js';
export * from './attachments.js';
export * from './field-errors.js';
export * from './request.js';
export * from './validators.js';
