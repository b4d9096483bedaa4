import { Alert } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import { errorMessage } from '../../lib/errors';

/** A failed request in words the user understands; renders nothing without an error. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <Alert color="red" role="alert">
      {errorMessage(error, t)}
    </Alert>
  );
}
