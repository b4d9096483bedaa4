import { createSavedSearchInput, parseSearchQuery } from '@anliegen/shared';
import { Alert, Button, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { CitizenTable } from '../../components/domain/citizen-table';
import { FormDialog } from '../../components/ui/form-dialog';
import { PageHeader } from '../../components/ui/page-header';
import { SearchCaseList, useSearchResults } from '../../components/domain/search-case-list';
import { usePageI18n } from '../../i18n/page-i18n';
import { type FieldErrors, fieldErrorsOf } from '../../lib/validate';
import { useCreateSavedSearch } from './api';

const route = getRouteApi('/app/search');

/** Results of the header's search box: matching citizens, then cases ranked with what matched; save as a view. */
export function SearchPage() {
  const { t } = usePageI18n();
  const q = route.useSearch().q ?? '';
  const problems = useMemo(() => parseSearchQuery(q).problems, [q]);
  // A query with mistakes is not sent: the list below says what to change.
  const results = useSearchResults(problems.length > 0 ? '' : q);
  const citizens = results.data?.pages[0]?.citizens ?? [];
  const [saving, setSaving] = useState(false);

  return (
    <>
      <PageHeader
        title={q ? t('search.titleFor', { q }) : t('search.title')}
        actions={
          q && problems.length === 0 ? (
            <Button variant="default" onClick={() => setSaving(true)}>
              {t('search.saveAsView')}
            </Button>
          ) : undefined
        }
      />
      <Stack gap="lg">
        {!q && <Text>{t('search.start')}</Text>}
        {problems.length > 0 && (
          <Alert color="red" title={t('search.problems')} role="alert">
            <List>
              {problems.map((problem) => (
                <List.Item key={problem.token}>{t(`search.problem.${problem.problem}`, { token: problem.token })}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {citizens.length > 0 && (
          <section aria-labelledby="search-citizens">
            <Title order={2} size="h4" id="search-citizens" mb="xs">
              {t('search.citizens')}
            </Title>
            <CitizenTable citizens={citizens} caption={t('search.citizens')} />
          </section>
        )}
        {q && problems.length === 0 && (
          <section aria-labelledby="search-cases">
            <Title order={2} size="h4" id="search-cases" mb="xs">
              {t('search.cases')}
            </Title>
            <SearchCaseList results={results} caption={t('search.cases')} />
          </section>
        )}
        <SyntaxHelp />
      </Stack>
      {saving && <SaveViewDialog query={q} onClose={() => setSaving(false)} />}
    </>
  );
}

/** The syntax's parts; each has an example (German keys first, in the dictionaries) and what it finds. */
const EXAMPLES = ['phrase', 'channel', 'status', 'team', 'from', 'date', 'tag'] as const;

function SyntaxHelp() {
  const { t } = usePageI18n();
  return (
    <details>
      <summary>{t('search.help')}</summary>
      <Text size="sm" mt="xs">
        {t('search.help.words')}
      </Text>
      <List size="sm" mt="xs">
        {EXAMPLES.map((part) => (
          <List.Item key={part}>
            <code>{t(`search.example.${part}`)}</code>: {t(`search.help.${part}`)}
          </List.Item>
        ))}
      </List>
    </details>
  );
}

/** Saves the query under a name and opens it as a view in the inbox. */
function SaveViewDialog({ query, onClose }: { query: string; onClose: () => void }) {
  const { t } = usePageI18n();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useCreateSavedSearch({ onSaved: (view) => navigate({ to: '/cases', search: { saved: view.id } }) });
  const submit = () => {
    const input = { name, query };
    const found = fieldErrorsOf(createSavedSearchInput, input, t);
    setErrors(found ?? {});
    if (!found) save.mutate(input);
  };
  return (
    <FormDialog
      title={t('search.saveAsView')}
      submitLabel={t('common.save')}
      pending={save.isPending}
      error={save.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Text size="sm">
        {t('search.savedQuery')}: <code>{query}</code>
      </Text>
      <TextInput
        label={t('search.viewName')}
        value={name}
        error={errors.name}
        data-autofocus
        onChange={(event) => setName(event.currentTarget.value)}
      />
    </FormDialog>
  );
}
