/**
 * What happened, as the rest of the app may want to react to it: live updates in open browsers, notifications,
 * later webhooks. Events carry ids only; whoever reacts reads what it needs through the rules that apply to it.
 * Services emit them inside their unit of work (`work.emit`); they reach the subscribers once it committed.
 */
export type DomainEvent =
  /** A new case (its citizen's list grew). */
  | { type: 'case.opened'; caseId: number; citizenId: number }
  /** Something about these cases changed: status, assignment, a new message; `citizenIds`: whose case lists changed. */
  | { type: 'case.changed'; caseIds: readonly number[]; citizenIds?: readonly number[] }
  /** A case got a new agent; `byId`: who gave it (null: the team's automatic assignment). */
  | { type: 'case.assigned'; caseId: number; assigneeId: number; byId: number | null }
  /** An internal note names colleagues ("@Anna Schmidt"). */
  | { type: 'note.mentioned'; caseId: number; userIds: readonly number[]; byId: number }
  /** A case passed its SLA target: its team's leads and its assignee (null: nobody holds it) are told. */
  | { type: 'case.escalated'; caseId: number; leadIds: readonly number[]; assigneeId: number | null }
  /** A case's follow-up day has come: its assignee is told, or (nobody holds it) `leadIds`, its team's leads. */
  | { type: 'case.followUpDue'; caseId: number; assigneeId: number | null; leadIds: readonly number[] }
  /**
   * Cases became resolved, by whatever path (an edit, a bulk action, "Senden und Status setzen"): the survey invites
   * their citizens (modules/feedback). Emitted by `announceStatus` in modules/cases, where every status change passes.
   */
  | { type: 'case.resolved'; caseIds: readonly number[] }
  /** A citizen answered "nein" to "Wurde Ihr Anliegen gelöst?": the leads of the case's team are told. */
  | { type: 'feedback.notSolved'; caseId: number; leadIds: readonly number[] }
  /** A user read (some of) their notifications. */
  | { type: 'notifications.read'; userId: number };

export type DomainEventType = DomainEvent['type'];

/**
 * Reacts to the events of a unit of work. `inTransaction` runs before the commit, in the same transaction (a
 * notification row commits or rolls back with the change that caused it); `afterCommit` runs once the change is
 * safe and never runs for a rolled-back one.
 */
export interface EventSubscriber {
  name: string;
  inTransaction?(events: readonly DomainEvent[], work: import('./unit-of-work.js').Work): Promise<void>;
  afterCommit?(events: readonly DomainEvent[], db: import('../db/database.js').DB): void;
}
