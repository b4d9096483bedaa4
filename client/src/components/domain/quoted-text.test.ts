import { describe, expect, it } from 'vitest';
import { splitQuoted } from './quoted-text';

describe('splitQuoted', () => {
  it('folds away the quoted mail after a German attribution line', () => {
    const text = [
      'Vielen Dank, die Laterne leuchtet wieder.',
      '',
      'Am 31.03.2026 um 10:00 schrieb Bürgerservice <buergerservice@example.org>:',
      '> Wir haben den Auftrag weitergegeben.',
    ].join('\n');
    expect(splitQuoted(text)).toEqual({
      own: 'Vielen Dank, die Laterne leuchtet wieder.',
      quoted: [
        'Am 31.03.2026 um 10:00 schrieb Bürgerservice <buergerservice@example.org>:',
        '> Wir haben den Auftrag weitergegeben.',
      ].join('\n'),
    });
  });

  it('folds away the quoted mail after an English attribution line', () => {
    const text = 'Thanks!\nOn Tue, 31 Mar 2026 at 10:00, Citizen Services wrote:\n> We passed it on.';
    expect(splitQuoted(text)).toEqual({
      own: 'Thanks!',
      quoted: 'On Tue, 31 Mar 2026 at 10:00, Citizen Services wrote:\n> We passed it on.',
    });
  });

  it('starts the quote at the first "> " line when there is no attribution', () => {
    expect(splitQuoted('Siehe unten.\n  > alte Nachricht\n> noch älter')).toEqual({
      own: 'Siehe unten.',
      quoted: '  > alte Nachricht\n> noch älter',
    });
  });

  it('keeps an attribution-like line that no quote follows as the writer’s own', () => {
    const text = 'Am Montag schrieb ich Ihnen:\nDie Laterne ist defekt.';
    expect(splitQuoted(text)).toEqual({ own: text, quoted: '' });
  });

  it('leaves a message without a quote whole', () => {
    expect(splitQuoted('Nur eine Zeile')).toEqual({ own: 'Nur eine Zeile', quoted: '' });
    expect(splitQuoted('')).toEqual({ own: '', quoted: '' });
  });

  it('shows a message that is nothing but a quote in full', () => {
    expect(splitQuoted('> nur Zitat').own).toBe('> nur Zitat');
  });
});
