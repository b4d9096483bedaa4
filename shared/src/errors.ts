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
  'citizens.merged',
  'citizens.noEmail',
  'interactions.senderIsCitizen',
  'interactions.noSenderAddress',
  'interactions.onlyMessage',
  'conflict.staleVersion',
  'search.invalidQuery',
  'search.unknownTeam',
  'savedSearches.nameTaken',
  'savedSearches.tooMany',
  'categories.unknown',
  'conflict.routingRuleExists',
  'conflict.slaPolicyExists',
  'rateLimited',
  'internal',
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/**
 * What kind of failure each code is, independent of the transport: tRPC, the web form and (later) REST each map
 * the kind once to their own status.
 */
export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'notFound' | 'conflict' | 'rateLimited' | 'internal';

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
  'citizens.merged': 'conflict',
  'citizens.noEmail': 'invalid',
  'interactions.senderIsCitizen': 'conflict',
  'interactions.noSenderAddress': 'invalid',
  'interactions.onlyMessage': 'invalid',
  'conflict.staleVersion': 'conflict',
  'search.invalidQuery': 'invalid',
  'search.unknownTeam': 'invalid',
  'savedSearches.nameTaken': 'conflict',
  'savedSearches.tooMany': 'invalid',
  'categories.unknown': 'invalid',
  'conflict.routingRuleExists': 'conflict',
  'conflict.slaPolicyExists': 'conflict',
  rateLimited: 'rateLimited',
  internal: 'internal',
};
