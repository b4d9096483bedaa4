import { useEffect } from 'react';

/** Every page has its own document title (WCAG 2.4.2), announced by screen readers on navigation. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Anliegen`;
  }, [title]);
}
