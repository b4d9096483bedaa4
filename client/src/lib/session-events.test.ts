import { describe, expect, it, vi } from 'vitest';
import { notifySessionExpired, onSessionExpired } from './session-events';

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
});
