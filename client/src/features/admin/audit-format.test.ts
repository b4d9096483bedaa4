import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '@anliegen/shared';
import { interpolate } from '../../i18n/i18n';
import { dePages } from '../../i18n/pages.de';
import { enPages } from '../../i18n/pages.en';
import { actionLabel, actionOptions, describeDetails, entityOptions, entityTypeLabel, filterOf } from './audit-format';

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
  it('shows ids and counts in one line', () => {
    expect(describeDetails({ cases: 2, caseIds: [4, 9] })).toBe('cases: 2 · caseIds: 4, 9');
  });

  it('shows other values as they are, nested ones as JSON', () => {
    expect(describeDetails({ dryRun: false, reason: 'Urlaub', scope: { teamId: 1 } })).toBe(
      'dryRun: false · reason: Urlaub · scope: {"teamId":1}',
    );
  });

  it('shows a dash without details', () => {
    expect(describeDetails(null)).toBe('–');
    expect(describeDetails({})).toBe('');
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
    expect(items.find((item) => item.value === 'case.')?.label).toBe('Fälle: alle');
  });

  it('keeps a filter from the address that is no catalogued choice, first after "all"', () => {
    expect(actionOptions(en, 'cit')[1]).toEqual({ value: 'cit', label: 'Starts with "cit"' });
    expect(actionOptions(en, 'citizen.erased')).toHaveLength(1 + new Set(AUDIT_ACTIONS.map((a) => a.split('.')[0])).size);
    expect(entityOptions('ticket')[0]).toBe('ticket');
    expect(entityOptions('case')).toEqual([...AUDIT_ENTITIES]);
  });
});
