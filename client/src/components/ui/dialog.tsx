import { Modal, type ModalProps } from '@mantine/core';
import { useEffect, useState } from 'react';
import { usePageI18n } from '../../i18n/page-i18n';
import { firstField } from './focus-problem';

/**
 * Mantine's Modal with a named close button (its default icon button has no accessible name). It opens with the
 * focus on its first field (Mantine's focus trap takes the first tabbable element, the close button, unless one is
 * marked `data-autofocus`); a dialog without fields keeps it on "Schließen". The focus goes back to where it was before
 * the dialog opened (Mantine does that only when `opened` turns false; ours are unmounted).
 */
export function Dialog({ children, ...props }: Omit<ModalProps, 'opened'>) {
  const { t } = usePageI18n();
  useFocusReturnOnUnmount();
  return (
    <Modal opened closeButtonProps={{ 'aria-label': t('common.close') }} {...props}>
      <div ref={markFirstField} style={{ display: 'contents' }}>
        {children}
      </div>
    </Modal>
  );
}

/** Runs when the dialog's content is in the document, before the focus trap looks for `data-autofocus`. */
function markFirstField(content: HTMLDivElement | null) {
  if (!content || content.querySelector('[data-autofocus]')) return;
  firstField(content)?.setAttribute('data-autofocus', '');
}

/** When the component unmounts, focus goes back to what had it when it mounted (the opener of a dialog). */
export function useFocusReturnOnUnmount() {
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
