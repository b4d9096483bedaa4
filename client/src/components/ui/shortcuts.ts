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

/**
 * A character key shortcut in the sense of WCAG 2.1.4: a letter, digit or punctuation mark without Ctrl (⌘). These
 * act only while the user's setting has them on, and never while the focus is in a field or a widget. Enter is no
 * character; Ctrl shortcuts type nothing and always act.
 */
export function isCharacterShortcut(shortcut: Shortcut): boolean {
  return !shortcut.ctrl && [...shortcut.key].length === 1;
}

/**
 * The user's setting (`me.characterShortcuts`, stored with the user, changed in the user menu's "Einstellungen"):
 * whether character key shortcuts act. The app shell keeps it current; on until the user switches them off.
 */
let characterShortcuts = true;
export function setCharacterShortcuts(on: boolean): void {
  characterShortcuts = on;
}
export function characterShortcutsOn(): boolean {
  return characterShortcuts;
}

/** The part of a DOM element the gate reads: enough to test it without a DOM. */
export interface FocusNode {
  tagName: string;
  isContentEditable?: boolean;
  getAttribute(name: string): string | null;
  parentElement: FocusNode | null;
}

/** Overlays: the page's shortcuts act on the page behind them, so every shortcut waits until they close. */
const OVERLAY_ROLE = /^(dialog|alertdialog|menu|menubar)$/;

/**
 * Fields, and widgets that read keys themselves: a field's role where it is no input element, composite widgets and
 * their parts, whose letters jump to an option (typeahead) and whose arrows move within. Mantine's SegmentedControl
 * is a `radiogroup`, a Select a `combobox` with a `listbox`, a popover a `dialog`.
 */
const WIDGET_ROLE =
  /^(textbox|searchbox|combobox|listbox|option|menuitem(checkbox|radio)?|tablist|tab|radiogroup|radio|grid|treegrid|gridcell|tree|treeitem|slider|spinbutton|toolbar|application)$/;
const FIELD_TAG = /^(input|textarea|select)$/i;

/** Walks from the focused element up: whether it or one of its ancestors is what `test` looks for. */
function withinFocus(target: unknown, test: (node: FocusNode, role: string) => boolean): boolean {
  let node = target as FocusNode | null;
  for (; typeof node?.getAttribute === 'function'; node = node.parentElement) {
    if (test(node, node.getAttribute('role') ?? '')) return true;
  }
  return false;
}

/** True in an open dialog, popover or menu. */
export function focusInOverlay(target: unknown): boolean {
  return withinFocus(target, (_, role) => OVERLAY_ROLE.test(role));
}

/**
 * True while the focus is in something that takes keys itself: a field (input, textarea, select, contenteditable),
 * a composite widget (list box, combo box, menu, tabs, radio group, grid, tree, slider, spin button, toolbar), an
 * overlay, or a button whose pop-up is open. Character key shortcuts do not act there: j in a list box selects.
 */
export function focusInWidget(target: unknown): boolean {
  return withinFocus(
    target,
    (node, role) =>
      FIELD_TAG.test(node.tagName) ||
      node.isContentEditable === true ||
      WIDGET_ROLE.test(role) ||
      OVERLAY_ROLE.test(role) ||
      (node.getAttribute('aria-expanded') === 'true' && (node.getAttribute('aria-haspopup') ?? 'false') !== 'false'),
  );
}

/**
 * The one gate every shortcut passes (use-shortcut.ts): the key press is the shortcut; no overlay is open around the
 * focus; and a character key shortcut acts only while the user's setting has them on and the focus is in no field or
 * widget. `modalOpen`: a modal dialog is open somewhere on the page (the focus may have slipped to its backdrop).
 */
export function shortcutActs(
  shortcut: Shortcut,
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'> & { target: unknown },
  { characterKeys = characterShortcuts, modalOpen = false }: { characterKeys?: boolean; modalOpen?: boolean } = {},
): boolean {
  if (!isShortcut(shortcut, event) || modalOpen || focusInOverlay(event.target)) return false;
  if (!isCharacterShortcut(shortcut)) return true;
  return characterKeys && !focusInWidget(event.target);
}

/** How many components offer each shortcut right now: what the help shows. */
const mounted = new Map<ShortcutId, number>();
/** The open help: a part of the page that loads later (the header's palette) joins its list. */
const listeners = new Set<() => void>();
const changed = () => {
  for (const listener of listeners) listener();
};

/** Counts a shortcut as offered until the returned function is called (a component's effect and its cleanup). */
export function offerShortcut(id: ShortcutId): () => void {
  mounted.set(id, (mounted.get(id) ?? 0) + 1);
  changed();
  return () => {
    const count = (mounted.get(id) ?? 1) - 1;
    if (count > 0) mounted.set(id, count);
    else mounted.delete(id);
    changed();
  };
}

/** Calls `listener` whenever the offered shortcuts change; returns the unsubscribe function. */
export function subscribeOffered(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The shortcuts the current page offers, in the registry's order. */
export function offeredShortcuts(): ShortcutId[] {
  return (Object.keys(SHORTCUTS) as ShortcutId[]).filter((id) => mounted.has(id));
}
