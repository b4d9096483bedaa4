import { Button, type ButtonProps } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { createLink } from '@tanstack/react-router';
import type { AnchorHTMLAttributes, Ref } from 'react';
import { usePageI18n } from '../../i18n/page-i18n';

function MantineButtonAnchor(props: ButtonProps & AnchorHTMLAttributes<HTMLAnchorElement> & { ref?: Ref<HTMLAnchorElement> }) {
  return <Button component="a" {...props} />;
}
const ButtonLink = createLink(MantineButtonAnchor);

/** The case page's way to its print view (same tab; a link, so Tab and Enter reach it). */
export function PrintCaseLink({ reference }: { reference: string }) {
  const { t } = usePageI18n();
  return (
    <ButtonLink
      to="/cases/$reference/print"
      params={{ reference }}
      variant="default"
      leftSection={<IconPrinter size={18} aria-hidden />}
    >
      {t('print.open')}
    </ButtonLink>
  );
}
