/**
 * Error codes the server attaches to every expected failure (tRPC `data.appCode`).
 * The client translates the code; the server's English message is only a fallback.
 */
export const APP_ERROR_CODES = [
  'auth.invalidCredentials',
  'auth.tooManyAttempts',
  'auth.unauthenticated',
  'auth.forbidden',
  'auth.csrf',
  'input.invalid',
  'notFound',
  'conflict.emailTaken',
  'conflict.teamNameTaken',
  'conflict.teamEmailTaken',
  'users.cannotLockOutSelf',
  'teams.unknown',
  'cases.differentCitizens',
  'cases.merged',
  'cases.assigneeNotCaseworker',
  'cases.assigneeOutsideTeam',
  'cases.followUpNotFuture',
  'cases.followUpTooFar',
  'cases.followUpFinished',
  'cases.splitOutbound',
  'cases.splitClosed',
  'tags.onlyCurated',
  'tags.nameTaken',
  'tags.tooMany',
  'search.unknownTag',
  'citizens.merged',
  'citizens.noEmail',
  'interactions.senderIsCitizen',
  'interactions.noSenderAddress',
  'interactions.onlyMessage',
  'interactions.copiesWithoutContent',
  'uploads.unavailable',
  'uploads.tooLarge',
  'conflict.staleVersion',
  'search.invalidQuery',
  'search.unknownTeam',
  'savedSearches.nameTaken',
  'savedSearches.tooMany',
  'categories.unknown',
  'feedback.expired',
  'feedback.surveyOff',
  'conflict.routingRuleExists',
  'conflict.slaPolicyExists',
  'rateLimited',
  'service.unavailable',
  'internal',
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/**
 * What kind of failure each code is, independent of the transport: tRPC, the web form and (later) REST each map
 * the kind once to their own status.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'rateLimited'
  /** The database is not there right now (stopped, unreachable, cannot store): nothing was done; try again later. */
  | 'unavailable'
  | 'internal';

export const ERROR_KINDS: Record<AppErrorCode, ErrorKind> = {
  'auth.invalidCredentials': 'unauthenticated',
  'auth.tooManyAttempts': 'rateLimited',
  'auth.unauthenticated': 'unauthenticated',
  'auth.forbidden': 'forbidden',
  'auth.csrf': 'forbidden',
  'input.invalid': 'invalid',
  notFound: 'notFound',
  'conflict.emailTaken': 'conflict',
  'conflict.teamNameTaken': 'conflict',
  'conflict.teamEmailTaken': 'conflict',
  'users.cannotLockOutSelf': 'invalid',
  'teams.unknown': 'invalid',
  'cases.differentCitizens': 'invalid',
  'cases.merged': 'conflict',
  'cases.assigneeNotCaseworker': 'invalid',
  'cases.assigneeOutsideTeam': 'invalid',
  'cases.followUpNotFuture': 'invalid',
  'cases.followUpTooFar': 'invalid',
  'cases.followUpFinished': 'invalid',
  'cases.splitOutbound': 'invalid',
  'cases.splitClosed': 'invalid',
  'tags.onlyCurated': 'invalid',
  'tags.nameTaken': 'conflict',
  'tags.tooMany': 'invalid',
  'search.unknownTag': 'invalid',
  'citizens.merged': 'conflict',
  'citizens.noEmail': 'invalid',
  'interactions.senderIsCitizen': 'conflict',
  'uploads.unavailable': 'invalid',
  'uploads.tooLarge': 'invalid',
  'interactions.noSenderAddress': 'invalid',
  'interactions.onlyMessage': 'invalid',
  'interactions.copiesWithoutContent': 'invalid',
  'conflict.staleVersion': 'conflict',
  'search.invalidQuery': 'invalid',
  'search.unknownTeam': 'invalid',
  'savedSearches.nameTaken': 'conflict',
  'savedSearches.tooMany': 'invalid',
  'categories.unknown': 'invalid',
  'feedback.expired': 'invalid',
  'feedback.surveyOff': 'invalid',
  'conflict.routingRuleExists': 'conflict',
  'conflict.slaPolicyExists': 'conflict',
  rateLimited: 'rateLimited',
  'service.unavailable': 'unavailable',
  internal: 'internal',
};
