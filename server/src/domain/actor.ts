/** Who acts: a signed-in user, or the system itself (id null) for command-line tools and jobs. */
export interface Actor {
  id: number | null;
  ip: string | null;
}

/** No signed-in person and no address to record: the desk itself receiving mail, a citizen's web form, the CLI. */
export const NO_ACTOR: Actor = { id: null, ip: null };
