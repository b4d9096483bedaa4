/*
 * When the user last worked in this tab (keyboard, mouse, touch). Requests sent after a minute without input are marked
 * as background (presence announcements, refetches after live updates): the server does not count them as activity,
 * so a desk left alone is signed out after SESSION_IDLE_MINUTES however long a page stays open
 * (server/src/http/trpc-context.ts).
 */
let lastInput = Date.now();
const ACTIVE_MS = 60_000;

const markInput = () => {
  lastInput = Date.now();
};
if (typeof window !== 'undefined')
  for (const type of ['keydown', 'pointerdown', 'wheel', 'touchstart', 'input'])
    window.addEventListener(type, markInput, { capture: true, passive: true });

/** Whether the user has used keyboard, mouse or touch in this tab within the last minute. */
export const recentlyActive = () => Date.now() - lastInput < ACTIVE_MS;

/** The header that marks a request as no activity of the user's (server/src/http/trpc-context.ts). */
export const BACKGROUND_HEADER = 'x-anliegen-background';
