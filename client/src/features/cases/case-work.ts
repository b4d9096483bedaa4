import { createContext, useContext, useEffect, useState } from 'react';

/*
 * Whether the agent is working on the case page: the focus is in a field (on the page or in a dialog over it), or a
 * part of the page holds unsaved input (the reply's draft, the case's edits). Then live updates wait (issue 24).
 */

/** Parts of the page say whether they hold unsaved input (`useReportUnsaved`). */
export const UnsavedContext = createContext<(part: string, unsaved: boolean) => void>(() => undefined);

export function useReportUnsaved(part: string, unsaved: boolean): void {
  const report = useContext(UnsavedContext);
  useEffect(() => {
    report(part, unsaved);
    return () => report(part, false);
  }, [report, part, unsaved]);
}

const FIELDS = 'input, textarea, select, [contenteditable="true"]';
const inField = () => document.activeElement instanceof Element && document.activeElement.matches(FIELDS);

/** Whether the focus is in a form field anywhere in the document. */
export function useFocusInField(): boolean {
  const [focused, setFocused] = useState(inField);
  useEffect(() => {
    const update = () => setFocused(inField());
    // Between focusout and the next focusin the focus is on <body>: read after both.
    const later = () => setTimeout(update, 0);
    document.addEventListener('focusin', update);
    document.addEventListener('focusout', later);
    return () => {
      document.removeEventListener('focusin', update);
      document.removeEventListener('focusout', later);
    };
  }, []);
  return focused;
}
