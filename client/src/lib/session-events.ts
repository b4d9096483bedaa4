/** Lets the query layer tell the router that the server no longer knows this session (expired, logged out elsewhere). */
type Listener = () => void;
const listeners = new Set<Listener>();
let takeover: Listener | null = null;

export function onSessionExpired(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * While the signed-in frame is shown, it answers an ended session itself: a sign-in dialog over the page, so that
 * nothing typed is lost (components/domain/session-guard.tsx); the listeners (the way to the login page) wait.
 */
export function takeOverSessionExpiry(handler: Listener): () => void {
  takeover = handler;
  return () => {
    if (takeover === handler) takeover = null;
  };
}

export function notifySessionExpired(): void {
  if (takeover) takeover();
  else for (const listener of listeners) listener();
}
