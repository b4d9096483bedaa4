import { Button } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useI18n } from '../i18n/i18n';

/** "Bearbeiten" in a table row; the accessible name says which row (visible text first, WCAG 2.5.3). */
export function EditButton({ accessibleName, onClick }: { accessibleName: string; onClick: () => void }) {
  const { t } = useI18n();
  return (
    <Button
      size="xs"
      variant="default"
      leftSection={<IconPencil size={14} aria-hidden />}
      aria-label={accessibleName}
      onClick={onClick}
    >
      {t('common.edit')}
    </Button>
  );
}
