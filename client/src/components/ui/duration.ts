/** A duration in minutes as typed into a number field; empty: not noted. */
export type Minutes = number | '';

/** Minutes as typed (empty: not noted) to the seconds the API stores. */
export function toSeconds(minutes: Minutes): number | null {
  return minutes === '' ? null : Math.round(minutes * 60);
}
