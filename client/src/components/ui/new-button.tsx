import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';

/** "Neu…": opens the form to create one, in a dialog (said by `aria-haspopup`). */
export function NewButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button leftSection={<IconPlus size={16} aria-hidden />} aria-haspopup="dialog" onClick={onClick}>
      {label}
    </Button>
  );
}
