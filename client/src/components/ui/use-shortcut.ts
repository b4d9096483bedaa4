import { useEffectEvent, useLayoutEffect } from 'react';
import { isShortcut, offerShortcut, SHORTCUTS, type ShortcutId } from './shortcuts';

/** True while the user types into a field: single-letter shortcuts must not fire then (those with Ctrl do). */
function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return Boolean(element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName)));
}

/** True in an open dialog or menu: the page's shortcuts act on the page behind it, so they wait until it is closed. */
function isInOverlay(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[role="dialog"], [role="menu"]') !== null;
}

/**
 * A shortcut of the registry (shortcuts.ts), active while the component is mounted, and listed by the help (`?`)
 * meanwhile. The listener stays attached and always calls the latest handler: re-attaching it after each render left
 * a moment, after new data was painted, in which a key reached the previous render's handler (a list's j pressing
 * against the rows it had before loading). It is attached before the component is first painted (a layout effect):
 * a key pressed as soon as the page shows counts.
 */
export function useShortcut(id: ShortcutId, handler: (event: KeyboardEvent) => void): void {
  const onKey = useEffectEvent(handler);
  useLayoutEffect(() => {
    const shortcut = SHORTCUTS[id];
    const listener = (event: KeyboardEvent) => {
      // A key with Ctrl (⌘) types nothing: it works in a field too (Ctrl+K from the search box).
      const typing = !('ctrl' in shortcut && shortcut.ctrl) && isTyping(event.target);
      if (!isShortcut(shortcut, event) || typing || isInOverlay(event.target)) return;
      event.preventDefault();
      onKey(event);
    };
    document.addEventListener('keydown', listener);
    const withdraw = offerShortcut(id);
    return () => {
      document.removeEventListener('keydown', listener);
      withdraw();
    };
  }, [id]);
}

/**
 * A shortcut that the browser or a field handles itself (Enter on a focused link, Ctrl+Enter in the reply box),
 * listed by the help while the component is mounted.
 */
export function useShortcutHint(id: ShortcutId): void {
  useLayoutEffect(() => offerShortcut(id), [id]);
}
