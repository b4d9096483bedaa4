import { useEffectEvent, useLayoutEffect } from 'react';

/** True while the user types into a field: single-letter shortcuts must not fire then. */
function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return Boolean(element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName)));
}

/**
 * A single-key shortcut (no modifier) active while the component is mounted. The listener stays attached and always
 * calls the latest handler: re-attaching it after each render left a moment, after new data was painted, in which a
 * key reached the previous render's handler (a list's j pressing against the rows it had before loading). It is
 * attached before the component is first painted (a layout effect): a key pressed as soon as the page shows counts.
 */
export function useShortcut(key: string, handler: (event: KeyboardEvent) => void): void {
  const onKey = useEffectEvent(handler);
  useLayoutEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (event.key !== key || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      event.preventDefault();
      onKey(event);
    };
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, [key]);
}
