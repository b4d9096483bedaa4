/* The audit log's names live in shared/ (the server's Art. 15 export uses them too); the dictionaries here add them. */
export { auditTextsDe, auditTextsEn } from '@anliegen/shared';
