import { describe, expect, it } from 'vitest';
import { TEXTS } from '../../test/i18n';
import { SHORTCUT_SCOPES, SHORTCUTS, type Shortcut, type ShortcutId, shortcutChord, shortcutDescription } from './shortcuts';

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
