import { Button, Group, Paper, Table, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconDownload, IconTable } from '@tabler/icons-react';
import { type ReactNode, useId, useRef, useState } from 'react';
import { usePageI18n } from '../../i18n/page-i18n';
import { type CsvCell, csvFileName, type StatFigure, toCsv, UTF8_BOM } from '@anliegen/shared';
import { stackedTable, useCardLabels } from '../../components/ui/data-table';
import { downloadText } from '../../lib/download';
import classes from './stat-panel.module.css';

/**
 * The numbers behind a chart: one header per column; the first cell of a row names it (period, channel, person).
 * `figures`, by cell: the figure a count is, for opening the cases behind it (drill-down).
 */
export interface StatTable {
  columns: readonly { label: string; numeric?: boolean }[];
  rows: readonly { key: string; cells: readonly CsvCell[]; figures?: readonly (StatFigure | undefined)[] }[];
}

/** Opens the cases behind a figure: what it is in words and how many it counts. */
export type OpenFigure = (figure: StatFigure, title: string, count: number) => void;

interface StatPanelProps {
  title: string;
  description?: string;
  /** The range in words, for the table's caption ("01.03.2026 – 31.03.2026"). */
  rangeLabel: string;
  /** What the CSV file is named after, with the range: `anliegen-<slug>-<from>-<to>.csv`. */
  csv: { slug: string; from: string; to: string };
  table: StatTable;
  /** The chart; without one the panel is a table only. */
  chart?: ReactNode;
  empty: boolean;
  /** Given (team leads): counts in the table open the cases behind them. */
  onOpenFigure?: OpenFigure | undefined;
}

/**
 * One figure of the dashboard: a heading, the chart (or only a table), a switch to the same numbers as a table
 * (the accessible version of the chart) and a CSV export of that table.
 */
export function StatPanel({ title, description, rangeLabel, csv, table, chart, empty, onOpenFigure }: StatPanelProps) {
  const { t, locale, formatNumber } = usePageI18n();
  const headingId = useId();
  const [asTable, setAsTable] = useState(false);
  const showTable = !chart || asTable;
  const tableRef = useRef<HTMLTableElement>(null);
  // Many columns (contacts per channel) do not fit a phone: there each row becomes a card, a value under each name.
  const stack = table.columns.length > 4;
  useCardLabels(
    tableRef,
    table.columns.map((column) => (stack ? column.label : undefined)),
  );

  const exportCsv = () =>
    downloadText(
      csvFileName(csv.slug, csv.from, csv.to),
      // The BOM lets Excel read the umlauts as UTF-8.
      UTF8_BOM +
        toCsv(
          table.columns.map((column) => column.label),
          table.rows.map((row) => row.cells),
          locale,
        ),
    );

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" mb="xs" wrap="wrap">
        <div>
          <Title order={2} size="h4" id={headingId}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </div>
        <Group gap="xs">
          {chart && (
            <Button
              size="compact-sm"
              variant={asTable ? 'filled' : 'default'}
              leftSection={<IconTable size={16} aria-hidden />}
              aria-pressed={asTable}
              onClick={() => setAsTable(!asTable)}
            >
              {t('stats.showTable')}
            </Button>
          )}
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
            onClick={exportCsv}
            disabled={table.rows.length === 0}
          >
            {t('stats.exportCsv')}
          </Button>
        </Group>
      </Group>
      {empty ? (
        <Text py="md">{t('stats.noData')}</Text>
      ) : showTable ? (
        // A table of few columns stays a table; where even those do not fit (320 px), it scrolls sideways in its own
        // box, never the page (WCAG 1.4.10 allows it for data tables).
        <div className={stack ? stackedTable.container : classes.scroll}>
          <Table ref={tableRef} striped captionSide="top" className={stack ? stackedTable.table : undefined}>
            <Table.Caption ta="start">{t('stats.caption', { title, range: rangeLabel })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {table.columns.map((column) => (
                  <Table.Th key={column.label} scope="col" ta={column.numeric ? 'right' : undefined}>
                    {column.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {table.rows.map((row) => (
                <Table.Tr key={row.key}>
                  {row.cells.map((cell, index) => {
                    const text = typeof cell === 'number' ? formatNumber(cell) : (cell ?? '');
                    const numeric = table.columns[index]?.numeric;
                    const figure = row.figures?.[index];
                    const what = `${title}: ${row.cells[0] ?? ''}, ${table.columns[index]?.label ?? ''}`;
                    return index === 0 ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional, one per column
                      <Table.Th key={index} scope="row" fw={500}>
                        {text}
                      </Table.Th>
                    ) : (
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional, one per column
                      <Table.Td key={index} ta={numeric ? 'right' : undefined}>
                        {onOpenFigure && figure && typeof cell === 'number' && cell > 0 ? (
                          <UnstyledButton
                            className={classes.figure}
                            onClick={() => onOpenFigure(figure, what, cell)}
                            aria-haspopup="dialog"
                          >
                            {text}
                            <VisuallyHidden>{t('stats.drill.open')}</VisuallyHidden>
                          </UnstyledButton>
                        ) : (
                          text
                        )}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      ) : (
        // The table view is the accessible version; the chart itself is one image with a summary.
        <div role="img" aria-label={t('stats.chartAlt', { title })}>
          {chart}
        </div>
      )}
    </Paper>
  );
}
