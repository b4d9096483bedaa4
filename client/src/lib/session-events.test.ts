import { describe, expect, it, vi } from 'vitest';
import { notifySessionExpired, onSessionExpired, takeOverSessionExpiry } from './session-events';

describe('session events', () => {
  it('tells every listener until it stops listening', () => {
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = onSessionExpired(first);
    const stopSecond = onSessionExpired(second);
    notifySessionExpired();
    stopFirst();
    notifySessionExpired();
    stopSecond();
    notifySessionExpired();
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(2);
  });

  it('lets the signed-in frame answer instead of the listeners while it is there', () => {
    const toLogin = vi.fn();
    const dialog = vi.fn();
    const stopListening = onSessionExpired(toLogin);
    const release = takeOverSessionExpiry(dialog);
    notifySessionExpired();
    expect({ dialog: dialog.mock.calls.length, toLogin: toLogin.mock.calls.length }).toEqual({ dialog: 1, toLogin: 0 });
    release();
    notifySessionExpired();
    expect({ dialog: dialog.mock.calls.length, toLogin: toLogin.mock.calls.length }).toEqual({ dialog: 1, toLogin: 1 });
    stopListening();
  });
});
