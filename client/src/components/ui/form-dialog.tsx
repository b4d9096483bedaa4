import { Button, Group, Stack, type ModalProps } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { usePageI18n } from '../../i18n/page-i18n';
import { Dialog } from './dialog';
import { ErrorAlert } from './error-alert';

interface Props {
  title: string;
  submitLabel: string;
  pending: boolean;
  /** The last failed submit; the form keeps its values so nothing typed is lost. */
  error: unknown;
  onSubmit: () => void;
  onClose: () => void;
  size?: ModalProps['size'];
  /** Submitting destroys something for good (a red button). */
  danger?: boolean;
  children: ReactNode;
}

/** A dialog holding one form: fields, the server's error, Cancel and Submit. */
export function FormDialog({ title, submitLabel, pending, error, onSubmit, onClose, size, danger, children }: Props) {
  const { t } = usePageI18n();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Dialog onClose={onClose} title={title} size={size}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={error} />
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} color={danger ? 'red' : undefined}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
