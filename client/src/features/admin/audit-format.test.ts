import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_CATALOGUE, AUDIT_ENTITIES } from '@anliegen/shared';
import { de } from '../../i18n/de';
import { interpolate } from '../../i18n/i18n';
import { dePages } from '../../i18n/pages.de';
import { enPages } from '../../i18n/pages.en';
import {
  actionLabel,
  actionOptions,
  describeDetails,
  entityOptions,
  entityText,
  entityTypeLabel,
  filterOf,
} from './audit-format';

describe('filterOf', () => {
  it('leaves out empty fields, so the server gets only the filters the admin set', () => {
    expect(filterOf({ actorId: 3, action: '', entityType: undefined, from: '2026-03-01' })).toEqual({
      actorId: 3,
      from: '2026-03-01',
    });
    expect(filterOf({})).toEqual({});
  });
});

describe('describeDetails', () => {
  const t = (key: string, vars?: Record<string, string | number>) =>
    interpolate((dePages as Record<string, string>)[key] ?? (de as Record<string, string>)[key] ?? `missing:${key}`, vars);
  const format = {
    t: t as never,
    formatNumber: (value: number) => new Intl.NumberFormat('de-DE').format(value),
    formatDateTime: (epochMs: number) => `am ${epochMs}`,
  };
  const noNames = { case: {}, citizen: {}, user: {}, team: {}, category: {} };
  const text = (details: Record<string, unknown> | null, names = noNames) =>
    describeDetails(format, details, names)
      .map((pair) => `${pair.label}: ${pair.value}`)
      .join(' · ');

  it('names keys and values as the app does elsewhere: views, statuses, channels, yes/no, counts', () => {
    expect(text({ view: 'open', cases: 1200, citizenIds: [10, 11] })).toBe(
      'Ansicht: Alle offenen · Anzahl Vorgänge: 1.200 · Personen: Nr. 10, Nr. 11',
    );
    expect(text({ view: 'panel', cases: 3 })).toBe('Ansicht: Personenbereich am Vorgang · Anzahl Vorgänge: 3');
    expect(text({ status: 'waiting_citizen', fromStatus: 'open', subjectChanged: false })).toBe(
      'Status: Wartet auf Rückmeldung · Bisheriger Status: Offen · Betreff geändert: nein',
    );
    expect(text({ locked: true })).toBe('Gesperrt: ja');
    expect(text({ channel: 'email', direction: 'outbound' })).toBe('Kanal: E-Mail · Richtung: Ausgang');
    expect(text({ direction: 'up', position: 2 })).toBe('Richtung: nach oben · Position: 2');
    expect(text({ firstResponseMinutes: 90, followUpAt: 1700000000000 })).toBe(
      'Erste Antwort (Minuten): 90 Min. · Wiedervorlage: am 1700000000000',
    );
  });

  it('shows cases by reference and people by number and name, from the names of the page', () => {
    const names = { ...noNames, case: { 51: 'A-2026-000051' }, citizen: { 10: 'Berta Berg' }, team: { 2: 'Bürgerbüro' } };
    expect(text({ relatedCaseId: 51, citizenId: 10, teamId: 2 }, names)).toBe(
      'Verknüpfter Vorgang: A-2026-000051 · Person: Nr. 10 (Berta Berg) · Team: Bürgerbüro',
    );
    // A record that is gone keeps its number.
    expect(text({ relatedCaseId: 52, citizenId: 12 }, names)).toBe('Verknüpfter Vorgang: Nr. 52 · Person: Nr. 12');
    expect(entityText(format, names, 'case', '51')).toBe('A-2026-000051');
    expect(entityText(format, names, 'citizen', '10')).toBe('Nr. 10 (Berta Berg)');
    expect(entityText(format, names, 'search', null)).toBeNull();
    expect(entityText(format, names, 'attachment', '7')).toBe('Nr. 7');
  });

  it('describes a nested filter the same way, and keeps unknown keys and values as they are', () => {
    expect(text({ rows: 3, filter: { citizenId: 10, action: 'case.' } })).toBe(
      'Zeilen: 3 · Filter: Person: Nr. 10, action: case.',
    );
    expect(text({ legacy: 'x', view: 'gallery' })).toBe('legacy: x · Ansicht: gallery');
    expect(text(null)).toBe('');
  });

  it('names every details key of the catalogue in German and English', () => {
    const keys = new Set(
      Object.values(AUDIT_CATALOGUE).flatMap((entry) => Object.keys((entry.details as { shape: object }).shape)),
    );
    for (const pages of [dePages, enPages] as Record<string, string>[]) {
      const missing = [...keys].filter((key) => pages[`audit.detail.${key}`] === undefined);
      expect(missing).toEqual([]);
    }
  });
});

describe('the catalogue in the viewer', () => {
  const de = (key: string, vars?: Record<string, string | number>) =>
    interpolate((dePages as Record<string, string>)[key] ?? `missing:${key}`, vars);
  const en = (key: string, vars?: Record<string, string | number>) =>
    interpolate((enPages as Record<string, string>)[key] ?? `missing:${key}`, vars);

  it('names every catalogued action and entity type in German and English', () => {
    for (const t of [de, en]) {
      for (const action of AUDIT_ACTIONS) expect(actionLabel(t, action)).not.toMatch(/^missing:|^audit\./);
      for (const type of AUDIT_ENTITIES) expect(entityTypeLabel(t, type)).not.toMatch(/^missing:|^audit\./);
    }
    expect(actionLabel(de, 'citizen.erased')).toBe('Person gelöscht (Art. 17)');
    expect(entityTypeLabel(en, 'sla_policy')).toBe('Service level');
  });

  it('shows an action or type the catalogue does not know by its code', () => {
    expect(actionLabel(de, 'legacy.thing')).toBe('legacy.thing');
    expect(entityTypeLabel(de, 'ticket')).toBe('ticket');
  });

  it('offers every action once, grouped, with a choice for each whole group', () => {
    const options = actionOptions(de, undefined);
    expect(options[0]).toEqual({ value: '', label: 'Alle Aktionen' });
    const items = options.flatMap((option) => ('items' in option ? option.items : []));
    const values = items.map((item) => item.value);
    expect(values.filter((value) => !value.endsWith('.')).sort()).toEqual([...AUDIT_ACTIONS].sort());
    expect(values).toContain('slaPolicy.');
    expect(items.find((item) => item.value === 'case.')?.label).toBe('Vorgänge: alle');
  });

  it('keeps a filter from the address that is no catalogued choice, first after "all"', () => {
    expect(actionOptions(en, 'cit')[1]).toEqual({ value: 'cit', label: 'Starts with "cit"' });
    expect(actionOptions(en, 'citizen.erased')).toHaveLength(1 + new Set(AUDIT_ACTIONS.map((a) => a.split('.')[0])).size);
    expect(entityOptions('ticket')[0]).toBe('ticket');
    expect(entityOptions('case')).toEqual([...AUDIT_ENTITIES]);
  });
});
