import { SEARCH_QUERY_MAX_LENGTH } from '@anliegen/shared';
import { ActionIcon, TextInput } from '@mantine/core';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useNavigate, useRouterState } from '@tanstack/react-router';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useShortcut } from '../ui/use-shortcut';
import classes from './search-box.module.css';

/**
 * The header's search: `/` from anywhere puts the cursor here; Enter shows the results page. Below 62em an icon button
 * opens the field over the header (search-box.module.css); Escape or the close button puts it away again.
 */
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
  const toggle = useRef<HTMLButtonElement>(null);
  // Only matters below 62em: whether the field is shown over the header.
  const [open, setOpen] = useState(false);
  const [focusField, setFocusField] = useState(0);
  // The field is focusable once it is shown: after the render that opened it.
  useEffect(() => {
    if (focusField > 0) input.current?.focus();
  }, [focusField]);
  const show = useCallback(() => {
    // At once where the field is in the header; below 62em once it is shown.
    input.current?.focus();
    setOpen(true);
    setFocusField((n) => n + 1);
  }, []);
  useShortcut('search', show);
  /** Closes the narrow field; the focus goes back to the icon where there is one (below 62em). */
  const hide = () => {
    setOpen(false);
    if (toggle.current?.offsetParent) toggle.current.focus();
    else input.current?.blur();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = text.trim();
    if (!q) return;
    void navigate({ to: '/search', search: { q } });
    hide();
  };
  return (
    <search className={classes.search} data-open={open || undefined}>
      <ActionIcon
        ref={toggle}
        className={classes.toggle}
        variant="default"
        size="lg"
        aria-label={t('search.open')}
        aria-keyshortcuts="/"
        aria-expanded={open}
        onClick={show}
      >
        <IconSearch size={18} aria-hidden />
      </ActionIcon>
      <form
        onSubmit={submit}
        className={classes.form}
        onBlur={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
        }}
      >
        <TextInput
          ref={input}
          className={classes.field}
          type="search"
          size="xs"
          w={280}
          aria-label={t('search.label')}
          aria-keyshortcuts="/"
          placeholder={t('search.placeholder')}
          leftSection={<IconSearch size={14} aria-hidden />}
          value={text}
          maxLength={SEARCH_QUERY_MAX_LENGTH}
          onChange={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') hide();
          }}
        />
        <ActionIcon
          className={classes.close}
          variant="subtle"
          color="gray"
          size="lg"
          aria-label={t('search.close')}
          onClick={hide}
        >
          <IconX size={18} aria-hidden />
        </ActionIcon>
      </form>
    </search>
  );
}
