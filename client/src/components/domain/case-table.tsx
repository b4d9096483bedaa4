import { Button } from '@mantine/core';
import { defaultRangeExtractor, useWindowVirtualizer } from '@tanstack/react-virtual';
import { type RefObject, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { rememberCaseList } from './case-list-order';
import type { SelectionState } from './case-selection';
import { CaseRow, type CaseTableRow, TABLE_ROLES } from './case-row';
import classes from '../ui/plain-table.module.css';
import own from './case-table.module.css';
import { useShortcut, useShortcutHint } from '../ui/use-shortcut';
import { useSteadyColumns } from '../ui/use-steady-columns';

export interface CaseSelection {
  ids: ReadonlySet<number>;
  state: SelectionState;
  /** Stable (rows are memoised). */
  onCheck: (id: number) => void;
  onCheckAll: () => void;
}

/** The paging part of an infinite query (inbox pages, search result pages). */
export interface CaseTablePages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage: () => Promise<unknown>;
}

const COLUMNS = 8;
/** A typical row (two lines of text, 65 px at 1280 px wide); rows are measured once rendered, so this only places rows not yet seen. */
const ESTIMATED_ROW_PX = 65;
/** Rows rendered beyond each edge of the window, so fast scrolling and Tab find rows already there. */
const OVERSCAN_ROWS = 10;
/**
 * The next page is fetched once the last loaded row is rendered, i.e. the window is this close to it; no sooner,
 * since a short first page (search results, each page an audited read) would otherwise load its next one unasked.
 */
const LOAD_AHEAD_ROWS = OVERSCAN_ROWS;
/**
 * A row's border, as plain-table.module.css draws it. The spacer above the first rendered row has it too: with
 * collapsed borders a row without a border above it is a pixel shorter, and rows changing height while scrolling make
 * the virtualiser correct the scroll position, which swallows the user's next scroll step.
 */
const ROW_BORDER = 'calc(0.0625rem * var(--mantine-scale)) solid var(--table-border-color)';

/** Stands in for rows that are not rendered, so the table keeps its full height and the page scrolls as before. */
function Spacer({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a row without tabindex or content is not focusable; hidden, it is no row to count
    <tr aria-hidden="true" style={{ height, borderBottom: ROW_BORDER }}>
      <td colSpan={columns} style={{ padding: 0 }} />
    </tr>
  );
}

/** x ticks the row j/k are on: only where rows can be ticked (the help lists only what works). */
function SelectShortcut({ onPress }: { onPress: () => void }) {
  useShortcut('listSelect', onPress);
  return null;
}

/**
 * Where an element starts on the page, kept current as the page's layout changes (filters wrapping, an alert above).
 * Read after layout, so scrolling never forces one.
 */
function usePageTop(element: RefObject<HTMLElement | null>): number {
  const [top, setTop] = useState(0);
  useLayoutEffect(() => {
    const measure = () => {
      const next = (element.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
      setTop((current) => (Math.abs(current - next) >= 1 ? next : current));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [element]);
  return top;
}

/**
 * Cases as a table (inbox, saved views, search results), virtualised so thousands of loaded rows scroll smoothly:
 * only the rows near the window are in the DOM, with `aria-rowcount`/`aria-rowindex` telling screen readers where
 * they are. j/k move across all loaded rows (scrolling the row into view), Enter opens the focused case. With
 * `pages`, the next page loads on its own near the end, and a "load more" button does the same by keyboard.
 * Give it a new `key` when the list changes meaning, so the selection starts over.
 */
export function CaseTable({
  rows,
  caption,
  pages,
  ticks,
}: {
  rows: CaseTableRow[];
  caption: string;
  pages?: CaseTablePages;
  /** Bulk actions (the inbox): a box per row and one for every loaded row; x ticks the row j/k are on. */
  ticks?: CaseSelection;
}) {
  const { t } = useI18n();
  const columns = ticks ? COLUMNS + 1 : COLUMNS;
  // The row j/k and focus select, and whether the keyboard moved there (then its link takes the focus). One state, so
  // the focus effect of an earlier render, flushed late when a key arrives, cannot take a later move's request.
  const [selection, setSelection] = useState({ index: -1, byKeyboard: false });
  const selected = selection.index;
  const onSelect = useCallback(
    (index: number) => setSelection((current) => (current.index === index ? current : { index, byKeyboard: false })),
    [],
  );
  const links = useRef(new Map<number, HTMLAnchorElement>());
  const registerLink = useCallback((index: number, element: HTMLAnchorElement | null) => {
    if (element) links.current.set(index, element);
    else links.current.delete(index);
  }, []);
  const body = useRef<HTMLTableSectionElement>(null);
  // The window scrolls, not the table: the virtualiser needs to know where the rows start on the page.
  const scrollMargin = usePageTop(body);

  const virtualizer = useWindowVirtualizer<HTMLTableRowElement>({
    count: rows.length,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: OVERSCAN_ROWS,
    scrollMargin,
    getItemKey: (index) => rows[index]?.id ?? index,
    // The selected row stays rendered while scrolled away, so keyboard focus is never dropped with it.
    rangeExtractor: (range) => {
      const indexes = defaultRangeExtractor(range);
      if (selected < 0 || selected >= range.count || indexes.includes(selected)) return indexes;
      return [...indexes, selected].sort((a, b) => a - b);
    },
  });
  const items = virtualizer.getVirtualItems();
  const headerRow = useRef<HTMLTableRowElement>(null);
  const columnWidths = useSteadyColumns(headerRow, items.length > 0);

  const move = (step: number) => {
    if (rows.length === 0) return;
    setSelection((current) => ({
      index: Math.min(rows.length - 1, Math.max(0, current.index + step)),
      byKeyboard: true,
    }));
  };
  useShortcut('listNext', () => move(1));
  useShortcut('listPrevious', () => move(-1));
  // Enter on the focused row's link opens it: the browser's own, listed by the help.
  useShortcutHint('listOpen');
  // After j/k the selected row is rendered (see rangeExtractor): focus it and bring it into view. The page's
  // scroll-padding keeps it clear of the fixed header.
  useEffect(() => {
    if (!selection.byKeyboard) return;
    const link = links.current.get(selection.index);
    link?.focus({ preventScroll: true });
    link?.closest('tr')?.scrollIntoView({ block: 'nearest' });
  }, [selection]);

  const { hasNextPage = false, isFetchingNextPage = false, isFetchNextPageError = false, fetchNextPage } = pages ?? {};
  const nearEnd = rows.length > 0 && (virtualizer.range?.endIndex ?? -1) >= rows.length - 1 - LOAD_AHEAD_ROWS;
  useEffect(() => {
    // After a failed page the button stays for a retry; loading on its own again would loop.
    if (nearEnd && hasNextPage && !isFetchingNextPage && !isFetchNextPageError) void fetchNextPage?.();
  }, [nearEnd, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);

  const rendered = [];
  let end = scrollMargin;
  for (const item of items) {
    const row = rows[item.index];
    if (!row) continue;
    rendered.push(<Spacer key={`gap-${item.key}`} height={item.start - end} columns={columns} />);
    end = item.end;
    rendered.push(
      <CaseRow
        key={item.key}
        row={row}
        index={item.index}
        selected={item.index === selected}
        measure={virtualizer.measureElement}
        registerLink={registerLink}
        onSelect={onSelect}
        checked={ticks?.ids.has(row.id)}
        onCheck={ticks?.onCheck}
      />,
    );
  }

  return (
    <>
      {ticks && (
        <SelectShortcut
          onPress={() => {
            const row = rows[selected];
            if (row) ticks.onCheck(row.id);
          }}
        />
      )}
      <div className={own.container}>
        <table
          className={`${classes.table} ${classes.highlightOnHover} ${own.table}`}
          // overflowWrap: a word longer than its kept column breaks instead of running into the next one.
          style={{ tableLayout: columnWidths ? 'fixed' : 'auto', overflowWrap: 'break-word' }}
          aria-rowcount={rows.length + 1}
          {...TABLE_ROLES.table}
        >
          <caption className="visually-hidden">{caption}</caption>
          {columnWidths && (
            <colgroup>
              {columnWidths.map((width, column) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed; their position is their identity
                <col key={column} style={{ width }} />
              ))}
            </colgroup>
          )}
          <thead {...TABLE_ROLES.rowgroup}>
            <tr ref={headerRow} aria-rowindex={1} {...TABLE_ROLES.row}>
              {ticks && (
                <th scope="col" {...TABLE_ROLES.columnheader} className={own.tick}>
                  <input
                    type="checkbox"
                    checked={ticks.state === 'all'}
                    ref={(box) => {
                      if (box) box.indeterminate = ticks.state === 'some';
                    }}
                    onChange={ticks.onCheckAll}
                    aria-label={t('inbox.selectAll')}
                  />
                </th>
              )}
              <th scope="col" {...TABLE_ROLES.columnheader} className={own.ref}>
                {t('inbox.reference')}
              </th>
              <th scope="col" {...TABLE_ROLES.columnheader} className={own.cardHidden}>
                {t('inbox.subject')}
              </th>
              <th scope="col" {...TABLE_ROLES.columnheader} className={own.cardHidden}>
                {t('inbox.citizen')}
              </th>
              <th scope="col" {...TABLE_ROLES.columnheader} className={own.cardHidden}>
                {t('inbox.status')}
              </th>
              <th scope="col" {...TABLE_ROLES.columnheader} className={own.cardHidden}>
                {t('inbox.due')}
              </th>
              <th scope="col" {...TABLE_ROLES.columnheader} className={own.wideOnly}>
                {t('inbox.assignee')}
              </th>
              <th scope="col" {...TABLE_ROLES.columnheader} className={own.wideOnly}>
                {t('inbox.updated')}
              </th>
            </tr>
          </thead>
          {/* biome-ignore lint/a11y/useKeyWithClickEvents: Enter on a row's link clicks it too. A case opened from here remembers the list: j/k on its page go along it. */}
          <tbody
            ref={body}
            {...TABLE_ROLES.rowgroup}
            onClick={(event) => {
              if (event.target instanceof Element && event.target.closest('a'))
                rememberCaseList(rows.map((row) => row.reference));
            }}
          >
            {rendered}
            <Spacer height={virtualizer.getTotalSize() - (end - scrollMargin)} columns={columns} />
          </tbody>
        </table>
      </div>
      {hasNextPage && fetchNextPage && (
        <Button variant="default" mt="md" loading={isFetchingNextPage} onClick={() => void fetchNextPage()}>
          {t('common.loadMore')}
        </Button>
      )}
    </>
  );
}
