import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEXTS } from '../../test/i18n';
import {
  type FocusNode,
  isCharacterShortcut,
  offerShortcut,
  offeredShortcuts,
  SHORTCUT_SCOPES,
  SHORTCUTS,
  type Shortcut,
  type ShortcutId,
  shortcutActs,
  shortcutChord,
  shortcutDescription,
  subscribeOffered,
} from './shortcuts';

const all = Object.entries(SHORTCUTS) as [string, Shortcut][];

describe('the shortcut registry', () => {
  it('describes every shortcut and names every scope in German and in English', () => {
    const keys = [
      ...all.map(([id]) => shortcutDescription(id as ShortcutId)),
      ...SHORTCUT_SCOPES.map((scope) => `shortcuts.scope.${scope}` as const),
      'shortcuts.title',
      'shortcuts.key.ctrl',
    ] as const;
    for (const locale of ['de', 'en'] as const) {
      const missing = keys.filter((key) => !TEXTS[locale][key]?.trim());
      expect(missing, locale).toEqual([]);
    }
  });

  it('binds no key twice where both could fire: within a page scope, or a page scope and the global one', () => {
    for (const scope of SHORTCUT_SCOPES.filter((s) => s !== 'global')) {
      const chords = all
        .filter(([, shortcut]) => shortcut.scope === scope || shortcut.scope === 'global')
        .map(([, shortcut]) => shortcutChord(shortcut));
      const twice = chords.filter((chord, index) => chords.indexOf(chord) !== index);
      expect(twice, scope).toEqual([]);
    }
  });

  it('has the keys agents asked for (issue 16)', () => {
    const chordsOf = (scope: Shortcut['scope']) =>
      all.filter(([, shortcut]) => shortcut.scope === scope).map(([, shortcut]) => shortcutChord(shortcut));
    expect(chordsOf('global')).toEqual(expect.arrayContaining(['?', '/']));
    expect(chordsOf('caseList')).toEqual(expect.arrayContaining(['j', 'k', 'Enter']));
    expect(chordsOf('case')).toEqual(expect.arrayContaining(['r', 's', 'm', 'j', 'k', 'Ctrl+Enter']));
  });
});

/** A DOM element as the gate reads it: tag, attributes, parent. */
function node(tagName: string, attributes: Record<string, string> = {}, parent: FocusNode | null = null, editable = false) {
  return {
    tagName,
    isContentEditable: editable,
    getAttribute: (name: string) => attributes[name] ?? null,
    parentElement: parent,
  } satisfies FocusNode;
}
/** A page: body, main, a section. */
const page = () => node('SECTION', {}, node('MAIN', { id: 'main' }, node('BODY')));
const press = (shortcut: Shortcut, target: unknown) => ({
  key: shortcut.key,
  ctrlKey: Boolean(shortcut.ctrl),
  metaKey: false,
  altKey: false,
  target,
});

const characterShortcuts = all.filter(([, shortcut]) => isCharacterShortcut(shortcut));
const ctrlShortcuts = all.filter(([, shortcut]) => shortcut.ctrl);

/** What takes keys itself: fields, composite widgets and their parts, an open pop-up's button. */
const WIDGETS: [string, (parent: FocusNode) => FocusNode][] = [
  ...['INPUT', 'TEXTAREA', 'SELECT', 'input'].map(
    (tag) => [tag, (parent: FocusNode) => node(tag, {}, parent)] as [string, (parent: FocusNode) => FocusNode],
  ),
  ['contenteditable', (parent) => node('DIV', {}, parent, true)],
  ...[
    'textbox',
    'searchbox',
    'combobox',
    'listbox',
    'option',
    'menuitem',
    'menuitemradio',
    'menuitemcheckbox',
    'tablist',
    'tab',
    'radiogroup',
    'radio',
    'grid',
    'treegrid',
    'gridcell',
    'tree',
    'treeitem',
    'slider',
    'spinbutton',
    'toolbar',
  ].map(
    (role) =>
      [`role=${role}`, (parent: FocusNode) => node('DIV', { role }, parent)] as [string, (parent: FocusNode) => FocusNode],
  ),
  // Mantine's SegmentedControl: radio inputs in a radiogroup.
  ['SegmentedControl', (parent) => node('INPUT', { type: 'radio' }, node('DIV', { role: 'radiogroup' }, parent))],
  ['a button whose menu is open', (parent) => node('BUTTON', { 'aria-haspopup': 'menu', 'aria-expanded': 'true' }, parent)],
  [
    'a button whose list box is open',
    (parent) => node('BUTTON', { 'aria-haspopup': 'listbox', 'aria-expanded': 'true' }, parent),
  ],
];
/** Overlays: every shortcut waits until they close. */
const OVERLAYS: [string, (parent: FocusNode) => FocusNode][] = [
  ['dialog', (parent) => node('BUTTON', {}, node('DIV', { role: 'dialog', 'aria-modal': 'true' }, parent))],
  ['open popover (a dialog)', (parent) => node('BUTTON', {}, node('DIV', { role: 'dialog' }, parent))],
  ['alertdialog', (parent) => node('BUTTON', {}, node('DIV', { role: 'alertdialog' }, parent))],
  ['menu', (parent) => node('BUTTON', { role: 'menuitem' }, node('DIV', { role: 'menu' }, parent))],
];
/** Plain elements a key may start from: the page, a link, a button, a table row, a region. */
const PLAIN = fc.constantFrom(
  ['A', {}],
  ['BUTTON', {}],
  ['BUTTON', { 'aria-expanded': 'true' }],
  ['BUTTON', { 'aria-haspopup': 'menu', 'aria-expanded': 'false' }],
  ['TR', {}],
  ['TD', {}],
  ['DIV', { role: 'region' }],
  ['DIV', { role: 'status' }],
  ['NAV', {}],
  ['H1', { tabindex: '-1' }],
) as fc.Arbitrary<[string, Record<string, string>]>;
const plainChain = (depth: number, parent: FocusNode = page()) =>
  fc
    .array(PLAIN, { maxLength: depth })
    .map((chain) => chain.reduce<FocusNode>((up, [tag, attrs]) => node(tag, attrs, up), parent));

describe('the one gate of every shortcut (WCAG 2.1.4)', () => {
  it('counts exactly the keys without Ctrl that type a character as character key shortcuts', () => {
    expect(characterShortcuts.map(([, shortcut]) => shortcutChord(shortcut)).sort()).toEqual(
      ['/', '?', 'j', 'j', 'k', 'k', 'm', 'r', 's', 'x'].sort(),
    );
    expect(isCharacterShortcut(SHORTCUTS.listOpen)).toBe(false);
  });

  it('lets a character key shortcut act on the page while the setting is on, and none while it is off; Ctrl ones always', () => {
    fc.assert(
      fc.property(plainChain(4), (target) => {
        for (const [id, shortcut] of characterShortcuts) {
          expect(shortcutActs(shortcut, press(shortcut, target), { characterKeys: true }), id).toBe(true);
          expect(shortcutActs(shortcut, press(shortcut, target), { characterKeys: false }), id).toBe(false);
        }
        for (const [id, shortcut] of ctrlShortcuts) {
          expect(shortcutActs(shortcut, press(shortcut, target), { characterKeys: false }), id).toBe(true);
        }
      }),
    );
    // The document itself (nothing focused) and the body.
    for (const [id, shortcut] of characterShortcuts) {
      expect(shortcutActs(shortcut, press(shortcut, null), { characterKeys: false }), id).toBe(false);
      expect(shortcutActs(shortcut, press(shortcut, node('BODY')), { characterKeys: true }), id).toBe(true);
    }
  });

  it('keeps every character key shortcut off inside every field and composite widget, however deep; Ctrl ones act there', () => {
    fc.assert(
      fc.property(
        plainChain(3),
        fc.constantFrom(...WIDGETS),
        fc.array(PLAIN, { maxLength: 3 }),
        (outside, [name, widget], inside) => {
          const target = inside.reduce<FocusNode>((up, [tag, attrs]) => node(tag, attrs, up), widget(outside));
          for (const [id, shortcut] of characterShortcuts) {
            expect(shortcutActs(shortcut, press(shortcut, target), { characterKeys: true }), `${id} in ${name}`).toBe(false);
          }
          for (const [id, shortcut] of ctrlShortcuts) {
            expect(shortcutActs(shortcut, press(shortcut, target), { characterKeys: true }), `${id} in ${name}`).toBe(true);
          }
        },
      ),
    );
  });

  it('lets no shortcut act inside an open overlay or while a modal dialog is open', () => {
    fc.assert(
      fc.property(plainChain(3), fc.constantFrom(...OVERLAYS), (outside, [name, overlay]) => {
        const target = overlay(outside);
        for (const [id, shortcut] of all) {
          expect(shortcutActs(shortcut, press(shortcut, target), { characterKeys: true }), `${id} in ${name}`).toBe(false);
        }
      }),
    );
    for (const [id, shortcut] of all) {
      expect(shortcutActs(shortcut, press(shortcut, node('BODY')), { modalOpen: true }), id).toBe(false);
    }
  });

  it('acts only on its own key: no Alt, Ctrl exactly when asked for', () => {
    for (const [id, shortcut] of all) {
      const target = page();
      expect(shortcutActs(shortcut, { ...press(shortcut, target), altKey: true }), id).toBe(false);
      expect(shortcutActs(shortcut, { ...press(shortcut, target), ctrlKey: !shortcut.ctrl }), id).toBe(false);
    }
  });
});

describe('the shortcuts offered', () => {
  it('tells the open help when a part that loads later offers one, and when it goes', () => {
    const seen: string[][] = [];
    const stop = subscribeOffered(() => seen.push(offeredShortcuts()));
    const withdraw = offerShortcut('palette');
    expect(seen.at(-1)).toContain('palette');
    withdraw();
    expect(seen.at(-1)).not.toContain('palette');
    stop();
    offerShortcut('palette')();
    expect(seen).toHaveLength(2);
  });
});
