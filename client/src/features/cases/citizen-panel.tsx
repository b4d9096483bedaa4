import { formatIsoDay } from '@anliegen/shared';
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { AnchorLink } from '../../components/ui/anchor-link';
import { CitizenCaseList, ContactList } from '../../components/domain/citizen-summary';
import { Timeline } from '../../components/domain/timeline';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';

type Panel = RouterOutputs['citizens']['panel'];

/**
 * Who this is, how to reach them, everything else they have going on, and what happened last on any channel in their
 * other cases (this case's own entries are in its timeline beside the panel).
 */
export function CitizenPanel({ panel, caseId }: { panel: Panel; caseId: number }) {
  const { t, locale } = usePageI18n();
  const { citizen } = panel;
  const recentElsewhere = panel.recent.filter((item) => item.caseId !== caseId);
  return (
    <Paper withBorder p="md" component="aside" aria-labelledby="citizen-panel-heading">
      <Stack gap="md">
        <div>
          <Title order={2} size="h4" id="citizen-panel-heading">
            {t('panel.title')}
          </Title>
          <Group gap="xs" mt={4}>
            <AnchorLink to="/citizens/$id" params={{ id: citizen.id }} fw={600}>
              {citizen.displayName}
            </AnchorLink>
            {citizen.unverified && <Badge color="orange">{t('panel.unverified')}</Badge>}
          </Group>
          {citizen.birthDate && (
            <Text size="sm" c="dimmed">
              {t('citizens.birthDate')}: {formatIsoDay(citizen.birthDate, locale)}
            </Text>
          )}
        </div>
        <div>
          <Title order={3} size="h5" mb={4}>
            {t('panel.contacts')}
          </Title>
          <ContactList contacts={citizen.contacts} />
        </div>
        <div>
          <Title order={3} size="h5" mb={4}>
            {t('panel.cases')}
          </Title>
          <CitizenCaseList cases={panel.cases} currentId={caseId} />
        </div>
        <section aria-labelledby="citizen-panel-recent">
          <Title order={3} size="h5" mb={4} id="citizen-panel-recent">
            {t('panel.recent')}
          </Title>
          {recentElsewhere.length > 0 ? (
            <Timeline items={recentElsewhere} showCase />
          ) : (
            <Text size="sm">{t('panel.noRecentElsewhere')}</Text>
          )}
        </section>
      </Stack>
    </Paper>
  );
}
