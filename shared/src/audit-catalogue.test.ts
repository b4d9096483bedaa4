import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_GROUPS, AUDIT_ACTIONS, AUDIT_CATALOGUE, AUDIT_ENTITIES, parseAuditDetails } from './audit-catalogue.js';
import { auditExportInput, auditFilterInput } from './audit.schemas.js';

describe('the audit catalogue', () => {
  it('names each action as group.verb, about an entity the viewer knows', () => {
    for (const action of AUDIT_ACTIONS) {
      expect(action).toMatch(/^[a-z][A-Za-z_]*\.[a-z][A-Za-z_]*$/);
      expect(AUDIT_ENTITIES).toContain(AUDIT_CATALOGUE[action].entity);
    }
    expect(AUDIT_ACTION_GROUPS).toContain('case');
    expect(AUDIT_ACTION_GROUPS).toContain('slaPolicy');
  });

  it('refuses details with a key the action does not declare (a name, an address, a text)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...AUDIT_ACTIONS),
        fc.string({ minLength: 1 }).filter((key) => !['__proto__', 'constructor'].includes(key)),
        fc.string(),
        (action, key, value) => {
          const shape = (AUDIT_CATALOGUE[action].details as unknown as { shape: Record<string, unknown> }).shape;
          fc.pre(!(key in shape));
          expect(() => parseAuditDetails(action, { [key]: value } as never)).toThrow();
        },
      ),
    );
  });

  it('refuses free text where an id or a count belongs', () => {
    expect(() => parseAuditDetails('case.linked', { relatedCaseId: 'Meier' as unknown as number })).toThrow();
    expect(() => parseAuditDetails('citizen.exported', { cases: -1, contacts: 0 })).toThrow();
    expect(parseAuditDetails('case.linked', { relatedCaseId: 7 })).toEqual({ relatedCaseId: 7 });
  });
});

describe('the audit viewer filter', () => {
  it('finds actions written in camel case whatever case the filter is typed in', () => {
    expect(auditFilterInput.parse({ action: 'slapolicy.' }).action).toBe('slaPolicy.');
    expect(auditFilterInput.parse({ action: 'SLAPOLICY.CREATED' }).action).toBe('slaPolicy.created');
    expect(auditFilterInput.parse({ action: 'interaction.senderadded' }).action).toBe('interaction.senderAdded');
    expect(auditFilterInput.parse({ action: 'Citizen.Viewed' }).action).toBe('citizen.viewed');
    expect(auditFilterInput.parse({ action: ' case. ' }).action).toBe('case.');
  });

  it('keeps every catalogued action and group as it is, and lower-cases what matches none', () => {
    for (const action of AUDIT_ACTIONS) expect(auditFilterInput.parse({ action }).action).toBe(action);
    for (const group of AUDIT_ACTION_GROUPS) expect(auditFilterInput.parse({ action: `${group}.` }).action).toBe(`${group}.`);
    expect(auditFilterInput.parse({ action: 'Nothing.Here' }).action).toBe('nothing.here');
  });
});

describe('the audit filter as input', () => {
  it('refuses an action, entity type or id the export could not record, with a message, at the boundary', () => {
    for (const filter of [{ action: '  {' }, { entityType: 'a b' }, { entityId: 'a/b' }, { entityId: 'x=' }]) {
      const parsed = auditExportInput.safeParse(filter);
      expect(parsed.success, JSON.stringify(filter)).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe('audit.token');
    }
    expect(auditExportInput.parse({ action: 'case.', entityType: 'case', entityId: 'A-2026-000123' }).entityId).toBe(
      'A-2026-000123',
    );
  });
});
