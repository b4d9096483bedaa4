import { SEARCH_QUERY_MAX_LENGTH } from '@anliegen/shared';
import { TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useNavigate, useRouterState } from '@tanstack/react-router';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useShortcut } from '../ui/use-shortcut';

/** The header's search: `/` from anywhere puts the cursor here; Enter shows the results page. */
export function SearchBox() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const shown = useRouterState({
    select: (state) => (state.location.pathname === '/search' ? (state.location.search as { q?: string }).q : undefined),
  });
  const [text, setText] = useState(shown ?? '');
  // The box shows what the results page shows (Back, a saved view's link).
  useEffect(() => setText(shown ?? ''), [shown]);
  const input = useRef<HTMLInputElement>(null);
  useShortcut(
    'search',
    useCallback(() => input.current?.focus(), []),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = text.trim();
    if (q) void navigate({ to: '/search', search: { q } });
  };
  return (
    <search>
      <form onSubmit={submit}>
        <TextInput
          ref={input}
          type="search"
          size="xs"
          w={{ base: 140, sm: 280 }}
          aria-label={t('search.label')}
          aria-keyshortcuts="/"
          placeholder={t('search.placeholder')}
          leftSection={<IconSearch size={14} aria-hidden />}
          value={text}
          maxLength={SEARCH_QUERY_MAX_LENGTH}
          onChange={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') event.currentTarget.blur();
          }}
        />
      </form>
    </search>
  );
}
