import { fillPlaceholders, type PlaceholderValues } from '@anliegen/shared';
import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { usePageI18n } from '../../i18n/page-i18n';
import { meQuery } from '../../lib/auth';
import { trpc } from '../../lib/trpc';

/** What the case view knows for the placeholders; the agent's name comes from the session. */
export type CasePlaceholderValues = Omit<PlaceholderValues, 'agentName'>;

/**
 * "Textbaustein einfügen": the caller's canned responses (for every team, then by team), filled with the case's
 * values and the signed-in agent's name. A combobox, so moving through the options with the arrow keys inserts
 * nothing; Enter or a click on an option does. Shows nothing when there are no canned responses.
 */
export function CannedResponsePicker({ values, onInsert }: { values: CasePlaceholderValues; onInsert: (text: string) => void }) {
  const { t } = usePageI18n();
  const responses = useQuery(trpc.cannedResponses.list.queryOptions()).data;
  const me = useQuery(meQuery()).data;
  const [search, setSearch] = useState('');
  if (!responses || responses.length === 0) return null;

  const groups = new Map<string, { value: string; label: string }[]>();
  for (const response of responses) {
    const group = response.teamName ?? t('cannedResponses.allTeams');
    groups.set(group, [...(groups.get(group) ?? []), { value: String(response.id), label: response.title }]);
  }
  return (
    <Select
      label={t('case.insertCanned')}
      placeholder={t('case.insertCannedPlaceholder')}
      data={[...groups].map(([group, items]) => ({ group, items }))}
      value={null}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={t('case.insertCannedNothingFound')}
      maw={420}
      onChange={(id) => {
        const response = responses.find((candidate) => String(candidate.id) === id);
        setSearch('');
        if (response) onInsert(fillPlaceholders(response.body, { ...values, agentName: me?.displayName ?? '' }));
      }}
    />
  );
}
