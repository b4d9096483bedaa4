import { Alert } from '@mantine/core';
import { usePageI18n } from '../../i18n/page-i18n';
import { mailAge } from '../../lib/mail-state';
import { useMailStatus } from '../../lib/mail-status';

/**
 * For admins, above every page (the overview and Verwaltung included): outgoing mail is not set up, or it fails (with
 * how many mails and since when). Nothing while mail goes out. Loaded lazily by the shell (only admins see it), with
 * its texts in pages.de.ts: the entry chunk does not grow for everyone else.
 */
export function MailNotice() {
  const { t, formatNumber } = usePageI18n();
  const status = useMailStatus().data;
  if (!status || status.state === 'ok') return null;
  const age = status.oldestMinutes === null ? null : mailAge(status.oldestMinutes);
  const ageText = age ? t(age.key, { n: formatNumber(age.n) }) : '';
  const notConfigured = status.state === 'notConfigured';
  return (
    <Alert
      color={notConfigured ? 'orange' : 'red'}
      title={t(notConfigured ? 'mail.notConfigured.title' : 'mail.failing.title')}
      mb="md"
      role="status"
    >
      {notConfigured
        ? `${t('mail.notConfigured')}${status.waiting > 0 ? ` ${t('mail.waiting', { n: formatNumber(status.waiting), age: ageText })}` : ''}`
        : t('mail.failing', { failed: formatNumber(status.failed), waiting: formatNumber(status.waiting), age: ageText })}
    </Alert>
  );
}
