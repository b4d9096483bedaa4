import { formatIsoDay } from '@anliegen/shared';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown } from '@tabler/icons-react';
import { AnchorLink } from '../../components/ui/anchor-link';
import { CitizenCaseList, ContactList } from '../../components/domain/citizen-summary';
import { Timeline } from '../../components/domain/timeline';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import classes from './citizen-panel.module.css';
import { WholeBadge } from '../../components/domain/status-badge';
import { wholeButton } from '../../components/ui/whole-button';

type Panel = RouterOutputs['citizens']['panel'];

/**
 * Who this is, how to reach them, everything else they have going on, and what happened last on any channel in their
 * other cases (this case's own entries are in its timeline beside the panel). Where the case page is one column, the
 * panel comes last and shows name and birth date; contacts, cases and recent contacts open with a button.
 */
export function CitizenPanel({ panel, caseId }: { panel: Panel; caseId: number }) {
  const { t, locale } = usePageI18n();
  const { citizen } = panel;
  const recentElsewhere = panel.recent.filter((item) => item.caseId !== caseId);
  const [open, { toggle }] = useDisclosure(false);
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
            {citizen.unverified && <WholeBadge color="orange">{t('panel.unverified')}</WholeBadge>}
          </Group>
          {citizen.birthDate && (
            <Text size="sm" c="dimmed">
              {t('citizens.birthDate')}: {formatIsoDay(citizen.birthDate, locale)}
            </Text>
          )}
          <Button
            className={classes.toggle}
            classNames={wholeButton}
            variant="subtle"
            size="compact-sm"
            mt={4}
            px={0}
            aria-expanded={open}
            aria-controls="citizen-panel-details"
            rightSection={<IconChevronDown size={16} aria-hidden className={classes.chevron} />}
            onClick={toggle}
          >
            {t('panel.details')}
          </Button>
        </div>
        <Stack gap="md" id="citizen-panel-details" className={classes.body} data-open={open || undefined}>
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
      </Stack>
    </Paper>
  );
}
