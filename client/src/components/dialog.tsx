import { Modal, type ModalProps } from '@mantine/core';
import { useI18n } from '../i18n/i18n';

/** Mantine's Modal with a named close button (its default icon button has no accessible name). */
export function Dialog(props: Omit<ModalProps, 'opened'>) {
  const { t } = useI18n();
  return <Modal opened closeButtonProps={{ 'aria-label': t('common.close') }} {...props} />;
}
