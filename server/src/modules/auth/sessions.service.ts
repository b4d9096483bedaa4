/*
 * Sessions as other parts of the server end them: the users module (a deactivated account or a reset password must
 * not stay signed in) and the hourly clean-up job (which also forgets stale login throttles). Apart from
 * auth.service.ts, which reads users, so that the users module can use it without an import cycle.
 */
export { deleteExpiredSessions, deleteSessionsOfUser } from './sessions.repo.js';
export { deleteStaleLoginThrottles, LOGIN_FAILURES_KEPT_MS } from './login-throttle.repo.js';
