import { Button, Group, Stack, type ModalProps } from '@mantine/core';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { usePageI18n } from '../../i18n/page-i18n';
import { Dialog } from './dialog';
import { ErrorAlert } from './error-alert';
import { focusFirstProblem } from './focus-problem';

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

/**
 * A dialog holding one form: fields, the server's error, Cancel and Submit. It opens on its first field (Dialog); a
 * submit that fails puts the focus on the first field in error, or on the server's message when no field is to blame.
 */
export function FormDialog({ title, submitLabel, pending, error, onSubmit, onClose, size, danger, children }: Props) {
  const { t } = usePageI18n();
  const form = useRef<HTMLFormElement>(null);
  const [attempts, setAttempts] = useState(0);
  const wasPending = useRef(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
    setAttempts((count) => count + 1);
  };
  // The form's own checks ran in onSubmit: their errors are on the fields now.
  useEffect(() => {
    if (attempts > 0) focusFirstProblem(form.current);
  }, [attempts]);
  // The server refused.
  useEffect(() => {
    if (wasPending.current && !pending && error) focusFirstProblem(form.current, { alert: true });
    wasPending.current = pending;
  }, [pending, error]);
  return (
    <Dialog onClose={onClose} title={title} size={size}>
      <form ref={form} onSubmit={submit} noValidate>
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
