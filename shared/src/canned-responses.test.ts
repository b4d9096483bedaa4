import { describe, expect, it } from 'vitest';
import {
  CANNED_PLACEHOLDERS,
  createCannedResponseInput,
  fillPlaceholders,
  removeCannedResponseInput,
  updateCannedResponseInput,
} from './canned-responses.js';

const values = {
  citizenName: 'Gustav Grün',
  caseReference: 'A-2026-000123',
  agentName: 'Anna Schmidt',
  caseSubject: 'Wasser im Keller',
};

describe('fillPlaceholders', () => {
  it('fills every known placeholder, also repeated ones', () => {
    expect(
      fillPlaceholders(
        'Guten Tag {{citizen.name}},\nzu Ihrem Anliegen „{{case.subject}}“ ({{case.reference}}) …\n{{agent.name}}\n{{case.reference}}',
        values,
      ),
    ).toBe('Guten Tag Gustav Grün,\nzu Ihrem Anliegen „Wasser im Keller“ (A-2026-000123) …\nAnna Schmidt\nA-2026-000123');
  });

  it('accepts spaces inside the braces', () => {
    expect(fillPlaceholders('Hallo {{ citizen.name }}!', values)).toBe('Hallo Gustav Grün!');
  });

  it('leaves unknown placeholders and other braces as they are', () => {
    const body = 'Sehr geehrte/r {{citizen.title}} {{citizen.name}}, {{ unbekannt }} {name} {{case.reference';
    expect(fillPlaceholders(body, values)).toBe(
      'Sehr geehrte/r {{citizen.title}} Gustav Grün, {{ unbekannt }} {name} {{case.reference',
    );
  });

  it('is case-sensitive: only the documented spelling is a placeholder', () => {
    expect(fillPlaceholders('{{Citizen.Name}}', values)).toBe('{{Citizen.Name}}');
  });

  it('inserts values literally and does not read them for placeholders again', () => {
    const tricky = { ...values, citizenName: '$& {{case.reference}} $1', caseSubject: '$`' };
    expect(fillPlaceholders('{{citizen.name}} / {{case.subject}}', tricky)).toBe('$& {{case.reference}} $1 / $`');
  });

  it('leaves text without placeholders unchanged', () => {
    expect(fillPlaceholders('Vielen Dank für Ihre Nachricht.', values)).toBe('Vielen Dank für Ihre Nachricht.');
  });

  it('lists every placeholder it fills', () => {
    const body = CANNED_PLACEHOLDERS.map((placeholder) => placeholder.token).join('|');
    expect(fillPlaceholders(body, values)).toBe(CANNED_PLACEHOLDERS.map((placeholder) => values[placeholder.value]).join('|'));
    expect(CANNED_PLACEHOLDERS.map((placeholder) => placeholder.token).sort()).toEqual([
      '{{agent.name}}',
      '{{case.reference}}',
      '{{case.subject}}',
      '{{citizen.name}}',
    ]);
  });
});

describe('canned response inputs', () => {
  it('trims title and body and takes a team or null (every team)', () => {
    expect(createCannedResponseInput.parse({ teamId: 3, title: '  Eingangsbestätigung ', body: '\n Danke. \n' })).toEqual({
      teamId: 3,
      title: 'Eingangsbestätigung',
      body: 'Danke.',
    });
    expect(createCannedResponseInput.parse({ teamId: null, title: 'A', body: 'B' }).teamId).toBeNull();
  });

  it('rejects empty, blank or too long titles and bodies', () => {
    expect(createCannedResponseInput.safeParse({ teamId: null, title: '   ', body: 'B' }).success).toBe(false);
    expect(createCannedResponseInput.safeParse({ teamId: null, title: 'A', body: ' \n ' }).success).toBe(false);
    expect(createCannedResponseInput.safeParse({ teamId: null, title: 'x'.repeat(121), body: 'B' }).success).toBe(false);
    expect(createCannedResponseInput.safeParse({ teamId: null, title: 'x'.repeat(120), body: 'B' }).success).toBe(true);
    expect(createCannedResponseInput.safeParse({ teamId: null, title: 'A', body: 'x'.repeat(10_001) }).success).toBe(false);
    expect(createCannedResponseInput.safeParse({ teamId: null, title: 'A', body: 'x'.repeat(10_000) }).success).toBe(true);
  });

  it('needs a team id or an explicit null, and an id to update or remove', () => {
    expect(createCannedResponseInput.safeParse({ title: 'A', body: 'B' }).success).toBe(false);
    expect(createCannedResponseInput.safeParse({ teamId: 0, title: 'A', body: 'B' }).success).toBe(false);
    expect(updateCannedResponseInput.safeParse({ teamId: 1, title: 'A', body: 'B' }).success).toBe(false);
    expect(updateCannedResponseInput.safeParse({ id: 1, teamId: 1, title: 'A', body: 'B' }).success).toBe(true);
    expect(removeCannedResponseInput.safeParse({ id: 1 }).success).toBe(true);
    expect(removeCannedResponseInput.safeParse({}).success).toBe(false);
  });
});
