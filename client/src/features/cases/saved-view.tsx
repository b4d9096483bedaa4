import { Button, Group, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { SearchCaseList, useSearchResults } from '../../components/domain/search-case-list';
import { AnchorLink } from '../../components/ui/anchor-link';
import { ErrorAlert } from '../../components/ui/error-alert';
import { useI18n } from '../../i18n/i18n';
import { useRemoveSavedSearch } from './api/inbox';
import type { SavedSearch } from './saved-views';

/**
 * One saved view: its query (open it in the search to change it), its cases, and a way to delete it. Loaded lazily
 * when a saved view is opened (with the search's result list): the inbox's first load stays small.
 */
export default function SavedView({ view }: { view: SavedSearch }) {
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
