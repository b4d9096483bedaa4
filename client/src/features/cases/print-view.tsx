import { Button, Group, Text } from '@mantine/core';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { AnchorLink } from '../../components/ui/anchor-link';
import { wholeButton } from '../../components/ui/whole-button';
import { usePageI18n } from '../../i18n/page-i18n';
import classes from './case-print-page.module.css';

/**
 * A case's page for paper (the print view, the counter receipt): on screen a toolbar (print, back to the case, a hint)
 * above the sheet; printed, the sheet alone (the toolbar's rule in case-print-page.module.css).
 */
export function PrintView({
  reference,
  printLabel,
  hint,
  printDisabled,
  children,
}: {
  reference: string;
  printLabel: string;
  hint: string;
  /** Nothing to print yet. */
  printDisabled?: boolean;
  children: ReactNode;
}) {
  const { t } = usePageI18n();
  return (
    <div className={classes.view}>
      <Group className={classes.toolbar} gap="sm" mb="md" wrap="wrap">
        <Button
          classNames={wholeButton}
          leftSection={<IconPrinter size={18} aria-hidden />}
          disabled={printDisabled}
          onClick={() => window.print()}
        >
          {printLabel}
        </Button>
        <AnchorLink to="/cases/$reference" params={{ reference }}>
          <Group gap={4} component="span" wrap="nowrap">
            <IconArrowLeft size={16} aria-hidden />
            {t('print.back')}
          </Group>
        </AnchorLink>
        <Text size="sm">{hint}</Text>
      </Group>
      {children}
    </div>
  );
}

/** One fact of a printed sheet's list (`<dl>`): its name and value. */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className={classes.fact}>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
