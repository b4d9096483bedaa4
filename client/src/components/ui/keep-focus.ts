import { useEffect } from 'react';

/**
 * A focused control that becomes disabled (Mantine's Button while `loading`: "Senden", "Speichern", "Anlegen") drops
 * the focus to <body>: a screen reader falls silent, the next Tab starts from the top. Until the user or the app
 * puts the focus elsewhere, it goes back to the control as soon as the control is usable again (WCAG 2.4.3).
 */
export function keepFocusOnBusyControls(): () => void {
  let waiting: (() => void) | null = null;
  const onFocusOut = (event: FocusEvent) => {
    const control = event.target;
    if (event.relatedTarget !== null || !(control instanceof HTMLElement) || !control.matches(':disabled')) return;
    waiting?.();
    const observer = new MutationObserver(() => {
      if (control.isConnected && control.matches(':disabled')) return;
      const active = document.activeElement;
      if (control.isConnected && (active === null || active === document.body)) control.focus({ preventScroll: true });
      stop();
    });
    // The user or the app moved on (a click, a field in error focused, a dialog's focus returned): nothing to give back.
    const stop = () => {
      observer.disconnect();
      document.removeEventListener('focusin', stop, true);
      document.removeEventListener('pointerdown', stop, true);
      waiting = null;
    };
    observer.observe(control, { attributes: true, attributeFilter: ['disabled'] });
    document.addEventListener('focusin', stop, true);
    document.addEventListener('pointerdown', stop, true);
    waiting = stop;
  };
  document.addEventListener('focusout', onFocusOut);
  return () => {
    document.removeEventListener('focusout', onFocusOut);
    waiting?.();
  };
}

export function useKeepFocusOnBusyControls(): void {
  useEffect(keepFocusOnBusyControls, []);
}
