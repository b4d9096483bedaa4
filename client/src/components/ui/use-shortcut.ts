import { useEffectEvent, useLayoutEffect } from 'react';
import { offerShortcut, SHORTCUTS, type ShortcutId, shortcutActs } from './shortcuts';

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
      // The one gate (shortcuts.ts): the user's setting, fields and widgets, open overlays. A key with Ctrl (⌘) types
      // nothing: it works in a field too (Ctrl+K from the search box).
      if (event.defaultPrevented) return;
      if (!shortcutActs(shortcut, event, { modalOpen: document.querySelector('[aria-modal="true"]') !== null })) return;
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
