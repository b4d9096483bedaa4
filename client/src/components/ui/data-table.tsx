import { Table, Text } from '@mantine/core';
import { type ReactNode, type RefObject, useLayoutEffect, useRef } from 'react';
import classes from './data-table.module.css';

/** A column: its header text; numeric columns are right-aligned; an actions column's cards show no label. */
export type DataColumn = string | { label: string; numeric?: boolean; actions?: boolean };

/**
 * The list tables of the management pages: a caption for screen readers, column headers, striped rows, and a plain
 * sentence instead of an empty table. In a narrow column each row is a card with every value under its column's
 * name (data-table.module.css); a wide table scrolls sideways in its own container, never the page.
 */
export function DataTable({
  caption,
  columns,
  rowCount,
  empty,
  minWidth,
  highlightOnHover = true,
  children,
}: {
  caption: string;
  columns: readonly DataColumn[];
  rowCount: number;
  /** Shown instead of the table when there are no rows; without it an empty table is shown. */
  empty?: string;
  minWidth: number;
  highlightOnHover?: boolean;
  /** The rows (Table.Tr), the first cell a Table.Th scope="row" naming the row. */
  children: ReactNode;
}) {
  const table = useRef<HTMLTableElement>(null);
  useCardLabels(
    table,
    columns.map((column) => (typeof column === 'string' ? column : column.actions ? undefined : column.label)),
  );

  if (rowCount === 0 && empty) return <Text c="dimmed">{empty}</Text>;
  return (
    <div className={stackedTable.container}>
      <Table.ScrollContainer minWidth={minWidth} classNames={{ scrollContainerInner: stackedTable.inner }}>
        <Table ref={table} striped highlightOnHover={highlightOnHover} className={stackedTable.table}>
          <caption className="visually-hidden">{caption}</caption>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) =>
                typeof column === 'string' ? (
                  <Table.Th key={column} scope="col">
                    {column}
                  </Table.Th>
                ) : (
                  <Table.Th key={column.label} scope="col" ta={column.numeric ? 'right' : undefined}>
                    {column.label}
                  </Table.Th>
                ),
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>{children}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}

/**
 * The classes of a table whose rows become cards in a narrow column: `container` on a wrapper (the width that
 * counts), `table` on the table, `inner` on a Table.ScrollContainer's inner part (its min-width then gives way).
 */
export const stackedTable = classes;

/**
 * Gives each body cell its column's name (`data-label`), which the cards show before the value; cells of columns
 * without a label (actions) and row headers show none. Runs after every render: rows come and go.
 */
export function useCardLabels(table: RefObject<HTMLTableElement | null>, labels: readonly (string | undefined)[]) {
  useLayoutEffect(() => {
    for (const row of table.current?.tBodies[0]?.rows ?? []) {
      [...row.cells].forEach((cell, index) => {
        const label = labels[index];
        if (cell.tagName === 'TD' && label) cell.dataset.label = label;
        else delete cell.dataset.label;
      });
    }
  });
}
