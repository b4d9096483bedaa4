import { formatBerlin } from '@anliegen/shared';
import { Alert, Paper, Switch, Table, Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { ErrorAlert } from '../../components/ui/error-alert';
import { usePageI18n } from '../../i18n/page-i18n';
import { meQuery } from '../../lib/auth';
import { useReportRecipients, useReportSetting, useSetReportSetting } from './api';

/**
 * The weekly report by email: supervisors and team leads switch it for themselves, admins see who gets it. Says
 * plainly when outgoing mail is not set up (then no report goes out).
 */
export function WeeklyReportPanel() {
  const me = useSuspenseQuery(meQuery()).data!;
  if (me.role === 'admin') return <RecipientsPanel />;
  if (me.role === 'supervisor' || me.role === 'team_lead') return <OwnSettingPanel email={me.email} />;
  return null;
}

function PanelFrame({ children }: { children: React.ReactNode }) {
  const { t } = usePageI18n();
  const headingId = useId();
  return (
    <Paper withBorder p="md" mt="lg" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId} mb="xs">
        {t('stats.report.title')}
      </Title>
      {children}
    </Paper>
  );
}

function NotConfigured() {
  const { t } = usePageI18n();
  return (
    <Alert color="yellow" variant="light" mb="sm" title={t('stats.report.notConfiguredTitle')}>
      {t('stats.report.notConfigured')}
    </Alert>
  );
}

function OwnSettingPanel({ email }: { email: string }) {
  const { t, locale } = usePageI18n();
  const setting = useReportSetting();
  const save = useSetReportSetting();
  const data = setting.data;
  return (
    <PanelFrame>
      <ErrorAlert error={setting.error ?? save.error} />
      {data && !data.mailConfigured && <NotConfigured />}
      {data && (
        <>
          <Switch
            checked={data.enabled}
            disabled={save.isPending}
            label={t('stats.report.switch')}
            description={t('stats.report.switchHint', { email })}
            onChange={(event) => save.mutate({ enabled: event.currentTarget.checked })}
          />
          <Text size="sm" mt="xs" role="status">
            {data.lastSentAt !== null
              ? t('stats.report.lastSent', { when: formatBerlin(data.lastSentAt, locale, 'dateTime') })
              : t('stats.report.neverSent')}
          </Text>
        </>
      )}
    </PanelFrame>
  );
}

function RecipientsPanel() {
  const { t, locale } = usePageI18n();
  const recipients = useReportRecipients();
  const data = recipients.data;
  return (
    <PanelFrame>
      <Text size="sm" mb="sm">
        {t('stats.report.adminIntro')}
      </Text>
      <ErrorAlert error={recipients.error} />
      {data && !data.mailConfigured && <NotConfigured />}
      {data && (
        <Table striped captionSide="top">
          <Table.Caption ta="start">{t('stats.report.recipients')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('stats.workload.name')}</Table.Th>
              <Table.Th scope="col">{t('stats.report.role')}</Table.Th>
              <Table.Th scope="col">{t('stats.report.gets')}</Table.Th>
              <Table.Th scope="col">{t('stats.report.lastSentColumn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.recipients.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Th scope="row" fw={500}>
                  {row.name}
                </Table.Th>
                <Table.Td>{t(`roles.${row.role}`)}</Table.Td>
                <Table.Td>{row.enabled ? t('stats.report.yes') : t('stats.report.no')}</Table.Td>
                <Table.Td>
                  {row.lastSentAt === null ? t('stats.none') : formatBerlin(row.lastSentAt, locale, 'dateTime')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </PanelFrame>
  );
}
