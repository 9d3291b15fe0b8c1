import { describe, expect, it } from 'vitest';
import { clearTimer, clearTimersOf, hasTimer, setTimer, takeTimer, timerId } from '../../../../model/cluster/timers.ts';
import { newCluster } from './drive.ts';

describe('timers', () => {
  it('names a timer by kind, node and target', () => {
    expect(timerId('producer-request-timeout', 'producer-1', 'produce-4')).toBe('producer-request-timeout:producer-1:produce-4');
  });

  it('keeps timers sorted by due time, then id, relative to now', () => {
    const state = newCluster({});
    state.timers = [];
    state.nowMs = 1000;
    setTimer(state, 'isr-expiration', 'broker-2', '2', 500);
    setTimer(state, 'broker-heartbeat', 'broker-3', '3', 500);
    setTimer(state, 'broker-heartbeat', 'broker-1', '1', 200);
    expect(state.timers.map((t) => `${t.id}@${t.dueMs}`)).toEqual(['broker-heartbeat:broker-1:1@1200', 'broker-heartbeat:broker-3:3@1500', 'isr-expiration:broker-2:2@1500']);
  });

  it('moves an existing timer instead of adding a second one', () => {
    const state = newCluster({});
    state.timers = [];
    setTimer(state, 'replica-fetch-backoff', 'broker-2', '0', 500);
    setTimer(state, 'replica-fetch-backoff', 'broker-2', '0', 100);
    expect(state.timers).toEqual([{ id: 'replica-fetch-backoff:broker-2:0', kind: 'replica-fetch-backoff', node: 'broker-2', dueMs: 100, target: '0' }]);
    expect(hasTimer(state, 'replica-fetch-backoff', 'broker-2', '0')).toBe(true);
    clearTimer(state, 'replica-fetch-backoff', 'broker-2', '0');
    expect(state.timers).toEqual([]);
    clearTimer(state, 'replica-fetch-backoff', 'broker-2', '0');
  });

  it('clears every timer of a node, and takes a timer by id (asserting it exists)', () => {
    const state = newCluster({});
    clearTimersOf(state, 'broker-1');
    expect(state.timers.some((t) => t.node === 'broker-1')).toBe(false);
    expect(state.timers.some((t) => t.node === 'broker-2')).toBe(true);
    expect(takeTimer(state, 'broker-heartbeat:broker-2:2').dueMs).toBe(2000);
    expect(() => takeTimer(state, 'broker-heartbeat:broker-2:2')).toThrow(/no timer broker-heartbeat:broker-2:2/);
  });

  it('refuses a negative delay', () => {
    expect(() => setTimer(newCluster({}), 'broker-heartbeat', 'broker-1', '1', -1)).toThrow(/non-negative/);
  });
});
