export * from './domain.js';
export * from './errors.js';
export * from './normalise.js';
export * from './case-reference.js';
export * from './auth.schemas.js';
export * from './users.schemas.js';
export * from './teams.schemas.js';
