import fc from 'fast-check';
import { SUBJECT_LENGTH } from '@anliegen/shared';
import { describe, expect, it } from 'vitest';
import { isSplitNote, proposedSplitSubject } from './split-subject';

describe('the subject proposed for a message moved into a new case', () => {
  it('takes what the message says first, not its salutation or quoted lines', () => {
    const text = 'Sehr geehrte Damen und Herren,\n\n> alte Nachricht\nIn der Lindenstraße ist ein Schlagloch.\nMfG';
    expect(proposedSplitSubject({ subject: 'Re: [A-2026-000001] Wohngeld', text }, 'Wohngeld')).toBe(
      'In der Lindenstraße ist ein Schlagloch.',
    );
    expect(proposedSplitSubject({ subject: null, text: 'Hallo,\nParkausweis verlängern' }, 'Wohngeld')).toBe(
      'Parkausweis verlängern',
    );
  });

  it('falls back to the message’s subject without "Re:", "AW:" and the reference, then to the case’s', () => {
    expect(proposedSplitSubject({ subject: 'AW: Re: [A-2026-000001] Sperrmüll', text: 'Hallo,' }, 'Wohngeld')).toBe('Sperrmüll');
    expect(proposedSplitSubject({ subject: 'Re: [A-2026-000001]', text: 'ok' }, 'Wohngeld')).toBe('Wohngeld');
  });

  it('always proposes a subject of valid length for a message with some words', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), fc.option(fc.string({ maxLength: 300 })), (text, subject) => {
        const proposed = proposedSplitSubject({ subject, text }, 'Anliegen der Bürgerin');
        expect(proposed.length).toBeGreaterThanOrEqual(SUBJECT_LENGTH.min);
        expect(proposed.length).toBeLessThanOrEqual(SUBJECT_LENGTH.max);
        expect(proposed).toBe(proposed.trim());
      }),
    );
  });

  it('knows the desk’s own notes of a split', () => {
    expect(isSplitNote({ splitTo: 'A-2026-000002' })).toBe(true);
    expect(isSplitNote({ splitFrom: 'A-2026-000001' })).toBe(true);
    expect(isSplitNote({ reassignedTo: 'Anna' })).toBe(false);
    expect(isSplitNote(null)).toBe(false);
  });
});
