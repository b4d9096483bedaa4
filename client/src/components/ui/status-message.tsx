import { Alert } from '@mantine/core';

/** A polite live region: screen readers announce the message without moving focus. */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <div role="status" aria-live="polite">
      {message && (
        <Alert color="green" mb="md">
          {message}
        </Alert>
      )}
    </div>
  );
}
