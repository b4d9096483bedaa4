/**
 * The citizen's feedback after a case (issue 18), as plain values (no zod, so any chunk may use them): "Wurde Ihr
 * Anliegen gelöst?" yes / partly / no, a rating from 1 to 5 and an optional comment, given once per case through one of
 * the survey's ways in and changeable until the invitation expires.
 */
export const FEEDBACK_SOLVED = ['yes', 'partly', 'no'] as const;
export type FeedbackSolved = (typeof FEEDBACK_SOLVED)[number];

/** Where an answer came from: the resolution mail's link, the status page, a counter receipt's QR code, an agent. */
export const FEEDBACK_SOURCES = ['email', 'status_page', 'receipt', 'in_person'] as const;
export type FeedbackSource = (typeof FEEDBACK_SOURCES)[number];

/** The one-click answers of the resolution mail (`?antwort=`), in the words the citizen reads in the link. */
export const SURVEY_LINK_WORDS = { yes: 'ja', partly: 'teilweise', no: 'nein' } as const satisfies Record<FeedbackSolved, string>;

export const FEEDBACK_RATINGS = [1, 2, 3, 4, 5] as const;
export const FEEDBACK_COMMENT_MAX = 2000;
/** How long an invitation's links take answers (and an answer can be changed), from when it was made. */
export const SURVEY_DAYS = 30;
