import { Alert } from '@mantine/core';
import { useEffect, useState } from 'react';
import { usePageI18n } from '../../i18n/page-i18n';
import { reportDatabaseOutage } from '../../lib/outage';
import { trpcClient } from '../../lib/trpc';
import { StatusMessage } from '../ui/status-message';

/** The first wait before asking again whether the database is back, doubled per answer that it is not, up to the last. */
const PROBE_MS = { first: 1000, max: 8000 };

/**
 * Above every page while the server says its database is away (lib/outage.ts): an alert, said at once, that nothing
 * can be saved and nothing typed is lost. Meanwhile it asks the server (a request that does not count as the user's
 * activity) whether the database is back, so the banner goes even when no page is loading anything; once it is back,
 * a polite status message says so. Loaded lazily by the shell at the first outage: the entry chunk stays as it was.
 */
export function OutageBanner({ down }: { down: boolean }) {
  const { t } = usePageI18n();
  const [over, setOver] = useState(false);
  useEffect(() => {
    if (!down) return;
    setOver(false);
    let wait = PROBE_MS.first;
    let timer: ReturnType<typeof setTimeout>;
    const probe = () => {
      timer = setTimeout(() => {
        trpcClient.auth.session.query().then(
          () => {
            reportDatabaseOutage(false);
            setOver(true);
          },
          () => {
            wait = Math.min(wait * 2, PROBE_MS.max);
            probe();
          },
        );
      }, wait);
    };
    probe();
    return () => {
      clearTimeout(timer);
      // Back by another request (a query's retry): said all the same.
      setOver(true);
    };
  }, [down]);
  // The message that it is back stays a while, then the region is empty again.
  useEffect(() => {
    if (!over) return;
    const timer = setTimeout(() => setOver(false), 15_000);
    return () => clearTimeout(timer);
  }, [over]);
  return (
    <>
      {down && (
        <Alert color="red" role="alert" title={t('outage.title')} mb="md" data-testid="outage-banner">
          {t('outage.text')}
        </Alert>
      )}
      <StatusMessage message={!down && over ? t('outage.over') : null} />
    </>
  );
}
