import { Modal, type ModalProps } from '@mantine/core';
import { useEffect, useState } from 'react';
import { usePageI18n } from '../../i18n/page-i18n';

/**
 * Mantine's Modal with a named close button (its default icon button has no accessible name). The focus goes back
 * to where it was before the dialog opened (Mantine does that only when `opened` turns false; ours are unmounted).
 */
export function Dialog(props: Omit<ModalProps, 'opened'>) {
  const { t } = usePageI18n();
  useFocusReturnOnUnmount();
  return <Modal opened closeButtonProps={{ 'aria-label': t('common.close') }} {...props} />;
}

function useFocusReturnOnUnmount() {
  // Read while rendering, before the modal moves the focus inside.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(
    () => () => {
      // Once the modal's nodes are gone, unless the app has put the focus somewhere on purpose meanwhile.
      setTimeout(() => {
        const current = document.activeElement;
        if (opener?.isConnected && (current === null || current === document.body)) opener.focus({ preventScroll: true });
      }, 0);
    },
    [opener],
  );
}
