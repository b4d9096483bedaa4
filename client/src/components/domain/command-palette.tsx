import '@mantine/spotlight/styles.css';
import type { Role } from '@anliegen/shared';
import { createSpotlight, Spotlight, useSpotlight } from '@mantine/spotlight';
import { IconArrowRight, IconFileText, IconSearch } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useId, useLayoutEffect, useMemo, useState } from 'react';
import { usePageI18n } from '../../i18n/page-i18n';
import { type PaletteAction, paletteActions } from './command-palette-actions';

/*
 * The command palette (Ctrl+K / ⌘K, shortcuts.ts): Mantine's Spotlight, loaded when the shortcut is first pressed
 * (app-shell-layout.tsx), so the inbox's first load does not carry it. Spotlight moves its selection in the DOM; the
 * search field is a combobox over a listbox of options (WAI-ARIA's pattern), and `aria-activedescendant` follows
 * the selection so screen readers read the option the arrow keys reached.
 */

const [store, palette] = createSpotlight();

/**
 * Selects the first choice as Spotlight's own arrow keys do (the `data-selected` attribute on the action and the
 * store's index; Spotlight does not export its selection action): Enter then takes it without an arrow key first.
 */
function selectFirst(actionsListId: string) {
  const list = document.getElementById(actionsListId);
  list?.querySelector('[data-selected]')?.removeAttribute('data-selected');
  const first = list?.querySelector('[data-action]');
  first?.setAttribute('data-selected', 'true');
  store.updateState((state) => ({ ...state, selected: first ? 0 : -1 }));
}

export function CommandPalette({ role, onClose }: { role: Role; onClose: () => void }) {
  const { t } = usePageI18n();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const { selected, opened } = useSpotlight(store);
  const listId = useId();
  const actionsListId = `${listId}-actions`;
  const actions = useMemo(() => paletteActions(query, role, t), [query, role, t]);
  const optionId = (index: number) => `${listId}-option-${index}`;

  // Opens when mounted, with the first choice selected; closing (Escape, a choice, a click outside) unmounts it.
  useEffect(() => {
    palette.open();
    // The modal's portal mounts after this effect: the choices are in the page a frame later.
    requestAnimationFrame(() => selectFirst(actionsListId));
    return () => palette.close();
  }, [actionsListId]);
  // What was typed changed the choices: the first is selected again (Enter takes it).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the choices change
  useLayoutEffect(() => {
    if (store.getState().opened) selectFirst(actionsListId);
  }, [actions]);

  const go = (action: PaletteAction) => {
    const target = action.target;
    if (target.kind === 'page') void navigate({ to: target.to });
    else if (target.kind === 'case') void navigate({ to: '/cases/$reference', params: { reference: target.reference } });
    else void navigate({ to: '/search', search: { q: target.q } });
  };
  const labelOf = (action: PaletteAction) =>
    'key' in action.label
      ? t(action.label.key)
      : 'case' in action.label
        ? t('palette.openCase', { reference: action.label.case })
        : t('palette.search', { text: action.label.search });
  const iconOf = (action: PaletteAction) =>
    action.target.kind === 'case' ? IconFileText : action.target.kind === 'search' ? IconSearch : IconArrowRight;

  return (
    <Spotlight.Root
      store={store}
      shortcut={null}
      query={query}
      onQueryChange={setQuery}
      onSpotlightClose={onClose}
      clearQueryOnClose={false}
      scrollable
      maxHeight={360}
      attributes={{ content: { 'aria-label': t('palette.title') } }}
    >
      <Spotlight.Search
        role="combobox"
        aria-label={t('palette.label')}
        aria-expanded={opened}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={selected >= 0 && selected < actions.length ? optionId(selected) : undefined}
        placeholder={t('palette.placeholder')}
        leftSection={<IconSearch size={18} aria-hidden />}
        data-autofocus
      />
      <Spotlight.ActionsList id={actionsListId}>
        {actions.length > 0 && (
          <div role="listbox" id={listId} aria-label={t('palette.results')}>
            {actions.map((action, index) => {
              const Icon = iconOf(action);
              return (
                <Spotlight.Action
                  key={action.id}
                  // Spotlight.Action keeps `id` to itself: the option gets its id (for aria-activedescendant) here.
                  ref={(element: HTMLButtonElement | null) => {
                    if (element) element.id = optionId(index);
                  }}
                  role="option"
                  aria-selected={index === selected}
                  label={labelOf(action)}
                  leftSection={<Icon size={18} aria-hidden />}
                  onClick={() => go(action)}
                />
              );
            })}
          </div>
        )}
        {actions.length === 0 && <Spotlight.Empty role="status">{t('palette.nothing')}</Spotlight.Empty>}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
