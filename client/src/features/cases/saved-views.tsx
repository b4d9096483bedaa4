import { Button, Group, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useI18n } from '../../i18n/i18n';
import type { RouterOutputs } from '../../lib/api-types';

export type SavedSearch = RouterOutputs['savedSearches']['list'][number];

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
