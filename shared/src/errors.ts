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
  'reference.unknown',
  'cases.differentCitizens',
  'cases.merged',
  'cases.assigneeNotCaseworker',
  'cases.assigneeOutsideTeam',
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
