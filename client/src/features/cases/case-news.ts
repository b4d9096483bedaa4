import type { CaseStatus } from '@anliegen/shared';

interface CaseView {
  case: { status: CaseStatus; version: number };
  timeline: readonly { id: number; authorName: string | null }[];
}

/** What changed between the case as shown and as it is now, said in the bar that offers it (issue 24). */
export interface CaseNews {
  /** Authors of new timeline entries (null: the citizen), each once, in order. */
  authors: (string | null)[];
  /** The new status, when it changed. */
  status: CaseStatus | null;
  /** Something else changed (team, assignee, topic, tags, links, …). */
  details: boolean;
}

export function caseNews(shown: CaseView, live: CaseView): CaseNews {
  const seen = new Set(shown.timeline.map((item) => item.id));
  const authors = [...new Set(live.timeline.filter((item) => !seen.has(item.id)).map((item) => item.authorName))];
  const status = live.case.status !== shown.case.status ? live.case.status : null;
  return { authors, status, details: authors.length === 0 && status === null };
}
