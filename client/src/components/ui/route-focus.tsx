import { useRouter } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useKeepFocusOnBusyControls } from './keep-focus';

/** How long a page may take to show its heading (a lazily loaded part, a slow query) before main gets the focus. */
const HEADING_WAIT_MS = 5000;

/**
 * WCAG 2.4.3 and 4.1.3 for a single-page app: after a change of page (a new path, not new search parameters, not the
 * first load) the new page's h1 gets the focus, as after a page load the reading starts at the top, and a polite live
 * region says which page opened. A focus the user placed in the new page meanwhile (`r` on a case while it loads), or
 * the field a page starts on (`data-autofocus`: the capture's caller number), stays where it is; the page is
 * announced all the same. A focus the app moved meanwhile (a closing dialog giving it back to its button) does not. With it, the focus stays on busy buttons (keep-focus.ts).
 * Loaded right after the first render (root.route.tsx): the inbox's first load does not carry it.
 */
export default function RouteFocus() {
  useKeepFocusOnBusyControls();
  const router = useRouter();
  const { t } = useI18n();
  const region = useRef<HTMLDivElement>(null);
  const say = useRef(t);
  say.current = t;

  useEffect(() => {
    let from: { heading: Element | null; text: string } | null = null;
    // A key or a click after the change of page began: the user, not the app, placed the focus since.
    let interacted = false;
    const onInput = () => {
      interacted = true;
    };
    document.addEventListener('keydown', onInput, true);
    document.addEventListener('pointerdown', onInput, true);
    let stopWaiting = () => {};
    const offBefore = router.subscribe('onBeforeNavigate', (event) => {
      if (!event.fromLocation || !event.pathChanged) return;
      const heading = pageHeading();
      from = { heading, text: heading?.textContent ?? '' };
      interacted = false;
    });
    const offRendered = router.subscribe('onRendered', (event) => {
      if (!event.fromLocation || !event.pathChanged || !from) return;
      const before = from;
      from = null;
      stopWaiting();
      stopWaiting = whenNewHeading(before, (heading) => {
        const active = document.activeElement;
        // An open dialog keeps it in any case (a page that opens one as it shows).
        const placedByUser =
          active !== null &&
          (active.closest('[role="dialog"]') !== null ||
            (active.closest('#main') !== null && (interacted || active.matches('[data-autofocus]'))));
        const target = heading ?? document.getElementById('main');
        if (target && !placedByUser) {
          if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
          (target as HTMLElement).focus({ preventScroll: true });
        }
        announce(region.current, say.current('shell.pageOpened', { title: (heading?.textContent ?? document.title).trim() }));
      });
    });
    return () => {
      offBefore();
      offRendered();
      stopWaiting();
      document.removeEventListener('keydown', onInput, true);
      document.removeEventListener('pointerdown', onInput, true);
    };
  }, [router]);

  return <div ref={region} role="status" aria-live="polite" className="visually-hidden" />;
}

function pageHeading(): Element | null {
  return document.querySelector('#main h1') ?? document.querySelector('h1');
}

/**
 * Calls `found` once the new page's h1 is there: another element, or the same one with another text (the next case
 * by `j`). A page whose heading stays as it was (a merged case's redirect) gets it after the wait; none: null.
 */
function whenNewHeading(before: { heading: Element | null; text: string }, found: (heading: Element | null) => void) {
  const fresh = () => {
    const heading = pageHeading();
    return heading && (heading !== before.heading || heading.textContent !== before.text) ? heading : null;
  };
  let done = false;
  const finish = (heading: Element | null) => {
    if (done) return;
    done = true;
    observer.disconnect();
    clearTimeout(timer);
    found(heading);
  };
  const observer = new MutationObserver(() => {
    const heading = fresh();
    if (heading) finish(heading);
  });
  const timer = setTimeout(() => finish(pageHeading()), HEADING_WAIT_MS);
  const now = fresh();
  if (now) finish(now);
  else observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  return () => {
    done = true;
    observer.disconnect();
    clearTimeout(timer);
  };
}

/** Emptied first: the same page twice in a row is said twice. */
function announce(region: HTMLElement | null, text: string) {
  if (!region) return;
  region.textContent = '';
  setTimeout(() => {
    region.textContent = text;
  }, 100);
}
