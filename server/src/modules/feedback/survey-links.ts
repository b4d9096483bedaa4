import { type FeedbackSolved, SURVEY_LINK_WORDS } from '@anliegen/shared';
import { statusPath } from '../mailbox/status-links.service.js';

/** The survey's word in the public addresses: German, like every public page's (/anliegen/status, …/datenschutz). */
const SURVEY_WORD = 'rueckmeldung';

/** Where a survey's link leads: its public page (channels/webform/feedback.routes.ts). */
export const SURVEY_PATH = `/anliegen/${SURVEY_WORD}`;

export const surveyPath = (token: string): string => `${SURVEY_PATH}/${token}`;

/** A one-click answer of the resolution mail. */
export const surveyAnswerPath = (token: string, solved: FeedbackSolved): string =>
  `${surveyPath(token)}?antwort=${SURVEY_LINK_WORDS[solved]}`;

/** Where the status page's form posts its answer. */
export const statusSurveyPath = (statusToken: string): string => `${statusPath(statusToken)}/${SURVEY_WORD}`;
