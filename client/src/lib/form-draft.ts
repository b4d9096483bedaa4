import { type Dispatch, type SetStateAction, useEffect, useState } from 'react';

/*
 * Unsaved form input kept for this tab (sessionStorage), so that a reload loses nothing: after the session ended, the
 * sign-in comes over the page and keeps what is in memory, but a reload (or a new page load after the login page)
 * would not. Keyed by the user, so nobody else signing in at this tab finds it; cleared when signing out. The reply
 * box keeps its drafts on its own (features/cases/reply-box.tsx).
 */
const PREFIX = 'anliegen.form.';

/** What was kept under `key`, if anything. */
export function readFormDraft<T>(key: string): T | undefined {
  try {
    const stored = sessionStorage.getItem(PREFIX + key);
    return stored === null ? undefined : (JSON.parse(stored) as T);
  } catch {
    return undefined;
  }
}

/** Keeps `value` under `key` until `isEmpty` says there is nothing to keep (saved, or emptied). */
export function useKeepFormDraft<T>(key: string, value: T, isEmpty: (value: T) => boolean): void {
  const json = isEmpty(value) ? null : JSON.stringify(value);
  useEffect(() => {
    try {
      if (json === null) sessionStorage.removeItem(PREFIX + key);
      else sessionStorage.setItem(PREFIX + key, json);
    } catch {
      // Storage full or off: the input stays in memory only.
    }
  }, [key, json]);
}

/** useState kept in this tab (see above); `restored` says whether the value came from there, so the page can say so. */
export function useFormDraft<T>(
  key: string,
  initial: () => T,
  isEmpty: (value: T) => boolean,
): [T, Dispatch<SetStateAction<T>>, boolean] {
  const [restored] = useState(() => readFormDraft<T>(key));
  const [value, setValue] = useState<T>(() => restored ?? initial());
  useKeepFormDraft(key, value, isEmpty);
  return [value, setValue, restored !== undefined];
}

/** Signing out: no form input of this session stays in the tab. */
export function clearFormDrafts(): void {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // nothing stored
  }
}
