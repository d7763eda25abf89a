/**
 * What other features may import of uploads: sending a stored file as a download (a request's
 * attachment to the operator, a conversation's file to the citizen).
 */
export { sendStoredFile, type StoredFile } from './serve.js';
