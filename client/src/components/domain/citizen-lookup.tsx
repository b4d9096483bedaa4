import { Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { usePageI18n } from '../../i18n/page-i18n';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { CitizenTable } from './citizen-table';
import { ErrorAlert } from '../ui/error-alert';

type Citizen = RouterOutputs['citizens']['lookup'][number];

/**
 * Finds citizens by name (any spelling), email or phone number (any format) while the user types, and lists them.
 * The page keeps the typed text (e.g. in its URL) through `onQueryChange`; `onSelect` is passed to the table.
 */
export function CitizenLookup({
  initialQuery,
  onQueryChange,
  caption,
  onSelect,
}: {
  initialQuery: string;
  onQueryChange: (query: string) => void;
  caption: string;
  onSelect?: (citizen: Citizen) => void;
}) {
  const { t } = usePageI18n();
  const [query, setQuery] = useState(initialQuery);
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const results = useQuery({
    ...trpc.citizens.lookup.queryOptions({ query: debounced, limit: 20 }),
    enabled: debounced.length >= 2,
  });
  return (
    <>
      <TextInput
        label={t('citizens.lookup')}
        description={t('citizens.lookupHint')}
        value={query}
        maw={480}
        mb="md"
        type="search"
        onChange={(event) => {
          setQuery(event.currentTarget.value);
          onQueryChange(event.currentTarget.value);
        }}
      />
      <ErrorAlert error={results.error} />
      <div role="status" aria-live="polite">
        {results.isSuccess && results.data.length === 0 && <Text>{t('citizens.noResults')}</Text>}
      </div>
      {results.data && results.data.length > 0 && <CitizenTable citizens={results.data} caption={caption} onSelect={onSelect} />}
    </>
  );
}
