import { Button, Group, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { AnchorLink } from '../../components/ui/anchor-link';
import { ErrorAlert } from '../../components/ui/error-alert';
import { SearchCaseList, useSearchResults } from '../../components/domain/search-case-list';
import { useI18n } from '../../i18n/i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { useRemoveSavedSearch } from './api/inbox';

type SavedSearch = RouterOutputs['savedSearches']['list'][number];

/** The agent's saved searches as further inbox views. */
export function SavedViewLinks({ views, current }: { views: SavedSearch[]; current: number | undefined }) {
  const { t } = useI18n();
  if (views.length === 0) return null;
  return (
    <nav aria-label={t('inbox.savedViews')}>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600} span>
          {t('inbox.savedViews')}:
        </Text>
        {views.map((view) => (
          <Button
            key={view.id}
            renderRoot={(props) => <Link to="/cases" search={{ saved: view.id }} {...props} />}
            size="compact-sm"
            variant={view.id === current ? 'filled' : 'light'}
            aria-current={view.id === current ? 'page' : undefined}
          >
            {view.name}
          </Button>
        ))}
      </Group>
    </nav>
  );
}

/** One saved view: its query (open it in the search to change it), its cases, and a way to delete it. */
export function SavedView({ view }: { view: SavedSearch }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const results = useSearchResults(view.query);
  const remove = useRemoveSavedSearch({ onRemoved: () => navigate({ to: '/cases', search: {} }) });
  return (
    <>
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Text size="sm">
          {t('inbox.savedQuery')}: <code>{view.query}</code>{' '}
          <AnchorLink to="/search" search={{ q: view.query }}>
            {t('inbox.openInSearch')}
          </AnchorLink>
        </Text>
        <Button
          variant="default"
          size="compact-sm"
          leftSection={<IconTrash size={14} aria-hidden />}
          loading={remove.isPending}
          onClick={() => remove.mutate({ id: view.id })}
        >
          {t('inbox.deleteView', { name: view.name })}
        </Button>
      </Group>
      <ErrorAlert error={remove.error} />
      <SearchCaseList results={results} caption={view.name} />
    </>
  );
}
