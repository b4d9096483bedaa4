import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The list tables of the management pages: a caption for screen readers, column headers, striped rows that scroll
 * sideways on narrow screens, and a plain sentence instead of an empty table.
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
  /** Header texts; numeric columns are right-aligned so digits line up. */
  columns: readonly (string | { label: string; numeric: true })[];
  rowCount: number;
  /** Shown instead of the table when there are no rows; without it an empty table is shown. */
  empty?: string;
  minWidth: number;
  highlightOnHover?: boolean;
  /** The rows (Table.Tr), the first cell a Table.Th scope="row" naming the row. */
  children: ReactNode;
}) {
  if (rowCount === 0 && empty) return <Text c="dimmed">{empty}</Text>;
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover={highlightOnHover}>
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) =>
              typeof column === 'string' ? (
                <Table.Th key={column} scope="col">
                  {column}
                </Table.Th>
              ) : (
                <Table.Th key={column.label} scope="col" ta="right">
                  {column.label}
                </Table.Th>
              ),
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
