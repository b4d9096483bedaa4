import { Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { Dialog } from '../../components/ui/dialog';
import { ErrorAlert } from '../../components/ui/error-alert';
import { StatusMessage } from '../../components/ui/status-message';
import { usePageI18n } from '../../i18n/page-i18n';
import { useRevokeStatusLinks } from './api/mailbox';

/**
 * "Statuslinks widerrufen" (issue 18): every link to the case's status page stops working at once, e.g. when a mail
 * reached the wrong person. Old links then say so and offer a new one (to the address on file); mails sent later
 * carry new links. Asked first; the result is said in the dialog, whose "Schließen" then has the focus.
 */
export function RevokeStatusLinksDialog({ caseId, onClose }: { caseId: number; onClose: () => void }) {
  const { t, formatNumber } = usePageI18n();
  const revoke = useRevokeStatusLinks();
  const close = useRef<HTMLButtonElement>(null);
  const done = revoke.data;
  useEffect(() => {
    if (done) close.current?.focus();
  }, [done]);
  return (
    <Dialog title={t('statusLinks.title')} onClose={onClose}>
      <Stack>
        <Text>{t('statusLinks.text')}</Text>
        <Text>{t('statusLinks.later')}</Text>
        <StatusMessage mb={0} message={done && t('statusLinks.done', { n: formatNumber(done.count) })} />
        <ErrorAlert error={revoke.error} />
        <Group justify="flex-end">
          {done ? (
            <Button ref={close} onClick={onClose}>
              {t('common.close')}
            </Button>
          ) : (
            <>
              <Button variant="default" onClick={onClose} data-autofocus>
                {t('common.cancel')}
              </Button>
              <Button color="red" loading={revoke.isPending} onClick={() => revoke.mutate({ caseId })}>
                {t('statusLinks.confirm')}
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Dialog>
  );
}
