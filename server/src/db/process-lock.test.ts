import { describe, expect, it } from 'vitest';
import { twoProcessDatabase } from '../test/test-db.js';
import { unlessLocked, whileLocked } from './process-lock.js';

const processes = twoProcessDatabase();

/** A piece of work that runs until released; `started` resolves once it runs. */
function blockingWork() {
  let release = () => {};
  let started = () => {};
  const running = new Promise<void>((resolve) => (started = resolve));
  const finished = new Promise<void>((resolve) => (release = resolve));
  const work = async () => {
    started();
    await finished;
    return 'first';
  };
  return { running, release, work };
}

describe('locks across server processes', () => {
  it('skip work while another process holds the lock, and run it once that one is done', async () => {
    const first = blockingWork();
    const holding = unlessLocked(processes.database.db, 'job:test', first.work);
    await first.running;
    expect(await unlessLocked(processes.second.db, 'job:test', async () => 'second')).toBeNull();
    // Another name is another lock.
    expect(await unlessLocked(processes.second.db, 'job:other', async () => 'other')).toEqual({ value: 'other' });
    first.release();
    expect(await holding).toEqual({ value: 'first' });
    expect(await unlessLocked(processes.second.db, 'job:test', async () => 'second')).toEqual({ value: 'second' });
  });

  it('make waiting work run after the holder, one at a time, and release the lock when work fails', async () => {
    const order: string[] = [];
    const first = blockingWork();
    const holding = whileLocked(processes.database.db, 'seed', async () => {
      await first.work();
      order.push('first done');
    });
    await first.running;
    const waiting = whileLocked(processes.second.db, 'seed', async () => {
      order.push('second ran');
      throw new Error('seed failed');
    });
    first.release();
    await holding;
    await expect(waiting).rejects.toThrow('seed failed');
    expect(order).toEqual(['first done', 'second ran']);
    expect(await unlessLocked(processes.database.db, 'seed', async () => 'free')).toEqual({ value: 'free' });
  });
});
