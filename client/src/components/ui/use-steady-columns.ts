import { type RefObject, useEffect, useLayoutEffect, useState } from 'react';

/**
 * Column widths for a virtualised table. The browser sizes the columns by the first rows rendered (automatic
 * layout); the widths are then kept (fixed layout), so columns do not jump as other rows scroll into the DOM. When
 * the space for the table changes (window, navigation), they are measured again, and with it which columns are shown.
 * Null until measured.
 */
export function useSteadyColumns(headerRow: RefObject<HTMLTableRowElement | null>, hasRows: boolean): number[] | null {
  const [widths, setWidths] = useState<number[] | null>(null);
  useLayoutEffect(() => {
    if (widths || !hasRows || !headerRow.current) return;
    // Only the columns shown: a column hidden at this width (display: none) makes no column of the table.
    const shown = [...headerRow.current.cells].filter((cell) => getComputedStyle(cell).display !== 'none');
    setWidths(shown.map((cell) => cell.getBoundingClientRect().width));
  });
  useEffect(() => {
    const container = headerRow.current?.closest('table')?.parentElement;
    if (!container) return;
    let width = container.clientWidth;
    const observer = new ResizeObserver(() => {
      if (container.clientWidth === width) return;
      width = container.clientWidth;
      setWidths(null);
    });
    observer.observe(container);
    return () => observer.disconnect();
  }, [headerRow]);
  return widths;
}
