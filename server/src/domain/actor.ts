/** Who acts: a signed-in user, or the system itself (id null) for command-line tools and jobs. */
export interface Actor {
  id: number | null;
  ip: string | null;
}

/** No signed-in person and no address to record: the desk itself receiving mail, a citizen's web form, the CLI. */
export const NO_ACTOR: Actor = { id: null, ip: null };

/** The signed-in user of a request (or a caller carrying one) as the actor services and the audit log record. */
export function actorOf(caller: { user: { id: number }; ip: string | null }): Actor & { id: number } {
  return { id: caller.user.id, ip: caller.ip };
}
