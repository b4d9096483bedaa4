import { describe, expect, it } from 'vitest';
import { de } from '../../i18n/de';
import { caseReferenceIn, paletteActions } from './command-palette-actions';
import { navItemsFor } from './nav-items';

const label = (key: keyof typeof de) => de[key];
const targets = (query: string, role: Parameters<typeof paletteActions>[1]) =>
  paletteActions(query, role, label).map((action) => action.target);

describe('the command palette', () => {
  it('reads a case reference however it was typed', () => {
    expect(caseReferenceIn('A-2026-000123')).toBe('A-2026-000123');
    expect(caseReferenceIn(' a 2026 123 ')).toBe('A-2026-000123');
    expect(caseReferenceIn('2026-42')).toBe('A-2026-000042');
    expect(caseReferenceIn('Wohngeld 2026')).toBeNull();
    expect(caseReferenceIn('123/2026')).toBe('A-2026-000123');
    expect(caseReferenceIn('123')).toBeNull();
  });

  it('offers every page of the role when nothing is typed, and only those', () => {
    for (const role of ['agent', 'team_lead', 'supervisor', 'admin'] as const) {
      expect(targets('', role)).toEqual(navItemsFor(role).map((item) => ({ kind: 'page', to: item.to })));
    }
  });

  it('finds pages spelling-insensitively, and never one the role may not open', () => {
    expect(targets('ubersicht', 'agent')).toContainEqual({ kind: 'page', to: '/' });
    expect(targets('statistik', 'supervisor')).toContainEqual({ kind: 'page', to: '/statistics' });
    expect(targets('statistik', 'agent').filter((target) => target.kind === 'page')).toEqual([]);
    // The admin pages are found by their group's name too.
    expect(targets('verwaltung', 'admin').length).toBeGreaterThan(3);
  });

  it('puts the case first for a reference, and offers the search for any text, to caseworkers only', () => {
    expect(targets('A-2026-000007', 'agent')).toEqual([
      { kind: 'case', reference: 'A-2026-000007' },
      { kind: 'search', q: 'A-2026-000007' },
    ]);
    expect(targets('Schlagloch', 'team_lead')).toEqual([{ kind: 'search', q: 'Schlagloch' }]);
    expect(targets('A-2026-000007', 'supervisor')).toEqual([]);
    expect(targets('Schlagloch', 'admin')).toEqual([]);
  });
});
