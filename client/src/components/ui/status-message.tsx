import { Alert, type MantineColor, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The one pattern for status messages (WCAG 4.1.3): a polite live region that is always there, and the message
 * shown in it as a tinted box. Screen readers say it once without moving the focus: the box is not an alert of its
 * own (Mantine's Alert is `role="alert"`, and an alert inside a status region is said twice). Errors are
 * ErrorAlert (`role="alert"`), outside any status region.
 */
export function StatusMessage({
  message,
  color = 'green',
  mt,
  mb = 'md',
}: {
  message: ReactNode;
  color?: MantineColor;
  mt?: MantineSpacing;
  mb?: MantineSpacing;
}) {
  return (
    <div role="status" aria-live="polite">
      {message && (
        <Alert color={color} role="none" mt={mt} mb={mb}>
          {message}
        </Alert>
      )}
    </div>
  );
}
