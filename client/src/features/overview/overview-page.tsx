import { Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { PageHeader } from '../../components/ui/page-header';
import tableClasses from '../../components/ui/plain-table.module.css';
import { useI18n } from '../../i18n/i18n';
import { meQuery } from '../../lib/auth';
import { trpc } from '../../lib/trpc';
import classes from './overview-page.module.css';

/**
 * A counter; with `view`, a link to the inbox view that lists exactly the cases counted (the server counts with the
 * view's conditions: open, not waiting for a follow-up date, visible to the caseworker).
 */
function Figure({
  label,
  value,
  view,
}: {
  label: string;
  value: string;
  view?: 'mine' | 'team_unassigned' | 'open' | undefined;
}) {
  const body = (
    <>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </>
  );
  return view ? (
    <Link to="/cases" search={{ view }} className={`${classes.figure} ${classes.link}`}>
      {body}
    </Link>
  ) : (
    <div className={classes.figure}>{body}</div>
  );
}

/** The start page for every role: open work first, then where contacts come from. */
export function OverviewPage() {
  const { t, formatNumber } = useI18n();
  const me = useSuspenseQuery(meQuery()).data;
  const summary = useSuspenseQuery(trpc.overview.summary.queryOptions()).data;
  if (!me) return null;
  const handlesCases = me.role === 'agent' || me.role === 'team_lead';

  return (
    <>
      <PageHeader title={t('overview.title')} />
      <Text mb="md">{t('overview.greeting', { name: me.displayName })}</Text>
      {handlesCases && (
        <Text size="sm" c="dimmed" mb="md">
          {me.teams.length > 0
            ? t('overview.myTeams', { teams: me.teams.map((team) => team.name).join(', ') })
            : t('overview.noTeams')}
        </Text>
      )}
      <div className={classes.figures}>
        {handlesCases && <Figure label={t('overview.myOpen')} value={formatNumber(summary.myOpenCases)} view="mine" />}
        {handlesCases && (
          <Figure label={t('overview.teamUnassigned')} value={formatNumber(summary.teamUnassigned)} view="team_unassigned" />
        )}
        {/* Supervisors and admins have no inbox: their count is a figure only. */}
        <Figure label={t('overview.allOpen')} value={formatNumber(summary.allOpen)} view={handlesCases ? 'open' : undefined} />
      </div>
      <Title order={2} size="h4" mb="sm" id="inbound-heading">
        {t('overview.inbound')}
      </Title>
      <table
        className={`${tableClasses.table} ${tableClasses.striped}`}
        style={{ maxWidth: 420 }}
        aria-labelledby="inbound-heading"
      >
        <thead>
          <tr>
            <th scope="col">{t('overview.channel')}</th>
            <th scope="col" style={{ textAlign: 'right' }}>
              {t('overview.count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {summary.inboundLast30Days.map((row) => (
            <tr key={row.channel}>
              <td>{t(`channels.${row.channel}`)}</td>
              <td style={{ textAlign: 'right' }}>{formatNumber(row.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
