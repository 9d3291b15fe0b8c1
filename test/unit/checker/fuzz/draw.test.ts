import { describe, expect, test } from 'vitest';
import { configToRecord, resolveConfig, type ConfigKey } from '../../../../model/config.ts';
import { drawConfig, drawOrder, EQUAL_TO_BASE, type FuzzBase } from '../../../../checker/fuzz/draw.ts';
import { keysOfModel } from '../../../../checker/fuzz/vary.ts';
import { BUILTIN_SCENARIOS } from '../../../../scenarios/registry.ts';

function baseOf(...layers: Record<string, unknown>[]): FuzzBase {
  const config = resolveConfig(...layers);
  return { layers, config, record: configToRecord(config), resolve: resolveConfig };
}

const scenario = (name: string) => BUILTIN_SCENARIOS.find((s) => s.name === name)!;
const DURABLE = baseOf(scenario('acks-all-min-isr-2').config);
const ISSUE_KEYS: ConfigKey[] = ['linger.ms', 'batch.size', 'delivery.timeout.ms', 'model.records', 'model.brokers'];

describe('drawing config i of a campaign', () => {
  test('config i is a pure function of (seed, i): the same twice, another for another i or seed', () => {
    const a = drawConfig(DURABLE, ISSUE_KEYS, 's1', 7);
    expect(drawConfig(DURABLE, ISSUE_KEYS, 's1', 7)).toEqual(a);
    expect(drawConfig(DURABLE, [...ISSUE_KEYS].reverse(), 's1', 7)).toEqual(a);
    const others = [drawConfig(DURABLE, ISSUE_KEYS, 's1', 8), drawConfig(DURABLE, ISSUE_KEYS, 's2', 7)];
    for (const other of others) expect(other).not.toEqual(a);
  });

  test('every config is legal, changes only varied keys, and differs from the base (200 configs, acks-all-min-isr-2, --vary all)', () => {
    const keys = keysOfModel('cluster');
    for (let i = 0; i < 200; i++) {
      const outcome = drawConfig(DURABLE, keys, 'legal', i);
      if (!outcome.ok) throw new Error(`config ${i}: ${JSON.stringify(outcome.failure)}`);
      const { changes, config } = outcome.drawn;
      expect(Object.keys(changes).length).toBeGreaterThan(0);
      for (const key of Object.keys(changes)) expect(keys).toContain(key);
      const record = configToRecord(config);
      for (const [key, value] of Object.entries(changes)) {
        expect(record[key]).toBe(value);
        expect(DURABLE.record[key]).not.toBe(value);
      }
      expect(configToRecord(resolveConfig(...DURABLE.layers, changes))).toEqual(record);
    }
  });

  test('group scenarios: legal configs of the group model around each of them', () => {
    const keys = keysOfModel('group');
    for (const s of BUILTIN_SCENARIOS.filter((b) => b.model === 'group')) {
      const base = baseOf(s.config);
      for (let i = 0; i < 20; i++) {
        const outcome = drawConfig(base, keys, 'group', i);
        expect(outcome.ok, `${s.name} config ${i}: ${outcome.ok ? '' : JSON.stringify(outcome.failure.reasons)}`).toBe(true);
      }
    }
  });

  test('swarm over keys: with many varied keys some configs change few of them, some nearly all', () => {
    const keys = keysOfModel('cluster');
    const counts = Array.from({ length: 60 }, (_, i) => {
      const outcome = drawConfig(DURABLE, keys, 'swarm', i);
      return outcome.ok ? Object.keys(outcome.drawn.changes).length : 0;
    });
    expect(Math.min(...counts)).toBeLessThan(keys.length / 3);
    expect(Math.max(...counts)).toBeGreaterThan(keys.length / 2);
  });

  test('a range that admits no legal config is given up, with the rules broken, most frequent first', () => {
    const cramped = baseOf({ 'model.brokers': 2, 'replication.factor': 2, 'min.insync.replicas': 2 });
    const outcome = drawConfig(cramped, ['replication.factor'], 'none', 0);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure.attempts).toBe(100);
    expect(outcome.failure.reasons.map((r) => r.reason)).toEqual(['min.insync.replicas=2 exceeds replication.factor=1: acks=all writes could never succeed', EQUAL_TO_BASE]);
    expect(outcome.failure.reasons.reduce((sum, r) => sum + r.count, 0)).toBe(100);
  });

  test('drawOrder: a key after the keys its range reads', () => {
    expect(drawOrder(['delivery.timeout.ms', 'linger.ms', 'request.timeout.ms', 'min.insync.replicas', 'model.brokers', 'replication.factor'])).toEqual([
      'model.brokers',
      'request.timeout.ms',
      'linger.ms',
      'replication.factor',
      'delivery.timeout.ms',
      'min.insync.replicas',
    ]);
  });
});
