import { Alert, Group, Loader, Text } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { ErrorAlert } from '../../components/ui/error-alert';
import { usePageTitle } from '../../components/ui/use-page-title';
import { usePageI18n } from '../../i18n/page-i18n';
import { trpc } from '../../lib/trpc';
import { useIssueReceipt } from './api/feedback';
import classes from './case-print-page.module.css';
import { Fact, PrintView } from './print-view';
import receiptClasses from './receipt-page.module.css';

const route = getRouteApi('/app/cases/$reference/receipt');

/**
 * The counter receipt ("Quittung", issue 18) to hand to the citizen or read out on the phone: the town, the reference,
 * the dates, a new link to the status page and, when the case asks for feedback, the survey as a QR code (made on the
 * server) with its address. Opening the page issues the receipt (a new status link and survey link each time: the
 * previous receipt's survey link stops working). On screen a sheet with a print button; printed alone, black on white
 * (the print view's sheet and print rules).
 */
export function ReceiptPage() {
  const { t, formatDate, formatDateTime } = usePageI18n();
  const { reference } = route.useParams();
  const detail = useSuspenseQuery(trpc.cases.byReference.queryOptions({ reference })).data;
  const issue = useIssueReceipt();
  const asked = useRef(false);
  usePageTitle(t('receipt.documentTitle', { reference: detail.case.reference }));
  useEffect(() => {
    // Once per visit, also under React's strict double effects: every call hands out new links.
    if (asked.current) return;
    asked.current = true;
    issue.mutate({ caseId: detail.case.id });
  }, [issue, detail.case.id]);
  const receipt = issue.data;

  return (
    <PrintView
      reference={detail.case.reference}
      printLabel={t('receipt.print')}
      hint={t('receipt.hint')}
      printDisabled={!receipt}
    >
      <ErrorAlert error={issue.error} />
      {!receipt ? (
        !issue.error && (
          <Group gap="xs" role="status">
            <Loader size="sm" aria-hidden />
            <Text>{t('receipt.making')}</Text>
          </Group>
        )
      ) : (
        <div className={`${classes.sheet} ${receiptClasses.receipt}`}>
          <p className={classes.desk}>{receipt.desk ?? t('app.tagline')}</p>
          <h1 className={classes.title}>{t('receipt.title')}</h1>
          <dl className={classes.facts}>
            <Fact term={t('print.reference')}>
              <span className={`${classes.reference} ${receiptClasses.reference}`}>{receipt.reference}</span>
            </Fact>
            <Fact term={t('print.createdAt')}>{formatDate(receipt.createdAt)}</Fact>
            <Fact term={t('receipt.issuedAt')}>{formatDateTime(receipt.issuedAt)}</Fact>
          </dl>
          <section aria-labelledby="receipt-status" className={classes.section}>
            <h2 id="receipt-status">{t('receipt.statusTitle')}</h2>
            <p>{t('receipt.statusText')}</p>
            <p className={receiptClasses.address}>{receipt.statusUrl}</p>
          </section>
          {receipt.survey ? (
            <section aria-labelledby="receipt-survey" className={`${classes.section} ${receiptClasses.survey}`}>
              <h2 id="receipt-survey">{t('receipt.surveyTitle')}</h2>
              <img
                className={receiptClasses.qr}
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(receipt.survey.qrSvg)}`}
                alt={t('receipt.qrAlt')}
                width={160}
                height={160}
              />
              <div>
                <p>{t('receipt.surveyText')}</p>
                <p className={receiptClasses.address}>{receipt.survey.url}</p>
                <p>{t('receipt.surveyUntil', { date: formatDate(receipt.survey.expiresAt) })}</p>
              </div>
            </section>
          ) : (
            // For the agent, not the citizen: not printed (the toolbar's rule).
            <Alert variant="light" mt="md" className={classes.toolbar}>
              {t('receipt.noSurvey')}
            </Alert>
          )}
        </div>
      )}
    </PrintView>
  );
}
