import { Button } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { usePageI18n } from '../../i18n/page-i18n';

interface RowButtonProps {
  /** Says which row, starting with the visible text (WCAG 2.5.3), e.g. "Bearbeiten: Anna Schmidt". */
  accessibleName: string;
  onClick: () => void;
}

function RowButton({ icon, label, accessibleName, onClick }: RowButtonProps & { icon: ReactNode; label: string }) {
  return (
    <Button size="xs" variant="default" leftSection={icon} aria-label={accessibleName} onClick={onClick}>
      {label}
    </Button>
  );
}

/** "Bearbeiten" in a table row. */
export function EditButton(props: RowButtonProps) {
  const { t } = usePageI18n();
  return <RowButton {...props} icon={<IconPencil size={14} aria-hidden />} label={t('common.edit')} />;
}

/** "Löschen" in a table row. */
export function DeleteButton(props: RowButtonProps) {
  const { t } = usePageI18n();
  return <RowButton {...props} icon={<IconTrash size={14} aria-hidden />} label={t('common.delete')} />;
}
