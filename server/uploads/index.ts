/**
 * What other features may import of uploads: sending a stored file as a download (a request's
 * attachment to the operator, a conversation's file to the citizen), and claiming uploads for a
 * request or a chat message (one holder per upload: uploads/claims.ts).
 */
export { sendStoredFile, type StoredFile } from './serve.js';
export { claimUploads, unclaimableUploads, type UploadHolder } from './claims.js';
