import type { PageKey } from '../../i18n/i18n';

/**
 * Where a shortcut works: everywhere, in a list of cases (the inbox, its saved views, search results), on a case's
 * page. A key may mean one thing in the list and another on the case, never two things where both could fire.
 */
export const SHORTCUT_SCOPES = ['global', 'caseList', 'case'] as const;
export type ShortcutScope = (typeof SHORTCUT_SCOPES)[number];

export interface Shortcut {
  /** `KeyboardEvent.key`: a character as typed (`?` is Shift+ß or Shift+/, depending on the keyboard). */
  key: string;
  /** With Ctrl (⌘ on a Mac). */
  ctrl?: boolean;
  scope: ShortcutScope;
}

/**
 * Every keyboard shortcut of the app, each described by the text `shortcuts.<id>`. Handlers bind them by name
 * (`useShortcut('caseStatus', …)`), keys the browser or a field handles (Enter on a link) are declared with
 * `useShortcutHint`, and the help lists those on the page: there is no key the help does not know of, and none it
 * names that does not work.
 */
export const SHORTCUTS = {
  help: { key: '?', scope: 'global' },
  search: { key: '/', scope: 'global' },
  palette: { key: 'k', ctrl: true, scope: 'global' },
  listNext: { key: 'j', scope: 'caseList' },
  listPrevious: { key: 'k', scope: 'caseList' },
  listOpen: { key: 'Enter', scope: 'caseList' },
  listSelect: { key: 'x', scope: 'caseList' },
  caseReply: { key: 'r', scope: 'case' },
  caseSend: { key: 'Enter', ctrl: true, scope: 'case' },
  caseStatus: { key: 's', scope: 'case' },
  caseAssignToMe: { key: 'm', scope: 'case' },
  caseNext: { key: 'j', scope: 'case' },
  casePrevious: { key: 'k', scope: 'case' },
} as const satisfies Record<string, Shortcut>;
export type ShortcutId = keyof typeof SHORTCUTS;

/**
 * What a shortcut does, for the help (`?`): the text `shortcuts.<id>` of the lazily loaded pages (pages.de.ts). A
 * shortcut without one is a type error here.
 */
export function shortcutDescription(id: ShortcutId): PageKey {
  return `shortcuts.${id}`;
}

/** The key with its modifier, as one token ("Ctrl+Enter"): two shortcuts with the same chord would collide. */
export function shortcutChord(shortcut: Shortcut): string {
  return shortcut.ctrl ? `Ctrl+${shortcut.key}` : shortcut.key;
}

/** Whether a key press is this shortcut (Ctrl or ⌘ exactly when it asks for one; Alt never). */
export function isShortcut(shortcut: Shortcut, event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>) {
  return event.key === shortcut.key && (event.ctrlKey || event.metaKey) === Boolean(shortcut.ctrl) && !event.altKey;
}

/** How many components offer each shortcut right now: what the help shows. */
const mounted = new Map<ShortcutId, number>();

/** Counts a shortcut as offered until the returned function is called (a component's effect and its cleanup). */
export function offerShortcut(id: ShortcutId): () => void {
  mounted.set(id, (mounted.get(id) ?? 0) + 1);
  return () => {
    const count = (mounted.get(id) ?? 1) - 1;
    if (count > 0) mounted.set(id, count);
    else mounted.delete(id);
  };
}

/** The shortcuts the current page offers, in the registry's order. */
export function offeredShortcuts(): ShortcutId[] {
  return (Object.keys(SHORTCUTS) as ShortcutId[]).filter((id) => mounted.has(id));
}
