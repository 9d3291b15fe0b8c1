import { describe, expect, test } from 'vitest';
import { CONFIG_KEYS, ConfigError, DEFAULTS, resolveConfig, type ConfigKey, type KmcConfig } from '../../../../model/config.ts';
import { createRng } from '../../../../model/kernel/rng.ts';
import { FUZZ_MODELS, FUZZ_SPACE, isExcluded, type KeyFuzz } from '../../../../checker/fuzz/space.ts';
import { drawOrder } from '../../../../checker/fuzz/draw.ts';
import { keysOfModel, rangeOf } from '../../../../checker/fuzz/vary.ts';
import { BUILTIN_SCENARIOS } from '../../../../scenarios/registry.ts';

const fuzzOf = (key: ConfigKey): KeyFuzz<ConfigKey> | undefined => FUZZ_SPACE[key] as KeyFuzz<ConfigKey> | undefined;

/** A message of the key's own rule (model/config.ts parseValue), not a rule tying it to other keys. */
const ownRule = (key: string): RegExp => new RegExp(`^${key.replace(/\./g, '\\.')}(=\\S*)?: (must|unknown|"[^"]*" is)`);

/** The base configs ranges draw against: the defaults and every built-in scenario's. */
const BASES: KmcConfig[] = [DEFAULTS, ...BUILTIN_SCENARIOS.map((s) => resolveConfig(s.config))];

describe('the fuzz config space', () => {
  test('every config key has a fuzz range or an exclusion with a reason (a new key must get one)', () => {
    const missing = CONFIG_KEYS.filter((key) => fuzzOf(key) === undefined);
    expect(missing, `keys with neither a range nor an exclusion in checker/fuzz/space.ts: ${missing.join(', ')}`).toEqual([]);
    for (const key of CONFIG_KEYS) {
      const fuzz = fuzzOf(key)!;
      if (isExcluded(fuzz)) expect(fuzz.excluded.length, `${key}: say why it is excluded`).toBeGreaterThan(20);
      else expect(fuzz.models.length, `${key}: name the models that read it`).toBeGreaterThan(0);
    }
  });

  test('the space names only config keys, and ranges read only keys with ranges, without cycles', () => {
    for (const key of Object.keys(FUZZ_SPACE)) expect(CONFIG_KEYS).toContain(key);
    for (const key of CONFIG_KEYS) for (const after of rangeOf(key)?.after ?? []) expect(rangeOf(after), `${key} reads ${after}`).not.toBeNull();
    const ordered = drawOrder(CONFIG_KEYS.filter((key) => rangeOf(key) !== null));
    for (const key of ordered) for (const after of rangeOf(key)!.after ?? []) expect(ordered.indexOf(after)).toBeLessThan(ordered.indexOf(key));
  });

  test('every draw is a value its key\'s own rule accepts, from every base (600 draws per key)', () => {
    for (const key of CONFIG_KEYS) {
      const range = rangeOf(key);
      if (range === null) continue;
      const rng = createRng(`space/${key}`);
      for (let i = 0; i < 600; i++) {
        const base = BASES[i % BASES.length];
        const value = range.draw(rng, base);
        try {
          resolveConfig({ ...base, [key]: value });
        } catch (error) {
          // A cross-key rule broken by the draw is the validator's to refuse; the key's own rule must hold.
          expect(error).toBeInstanceOf(ConfigError);
          expect((error as Error).message, `${key}=${JSON.stringify(value)}`).not.toMatch(ownRule(key));
        }
      }
    }
  });

  test('ranges keep the ties Kafka puts between keys: heartbeats below their sessions, replicas within the cluster', () => {
    const rng = createRng('ties');
    for (let i = 0; i < 500; i++) {
      const session = rangeOf('session.timeout.ms')!.draw(rng, DEFAULTS) as number;
      const current = { ...DEFAULTS, 'session.timeout.ms': session };
      expect(rangeOf('heartbeat.interval.ms')!.draw(rng, current)).toBeLessThan(session);
      const brokers = rangeOf('model.brokers')!.draw(rng, DEFAULTS) as number;
      const rf = rangeOf('replication.factor')!.draw(rng, { ...DEFAULTS, 'model.brokers': brokers }) as number;
      expect(rf).toBeLessThanOrEqual(brokers);
      expect(rangeOf('min.insync.replicas')!.draw(rng, { ...DEFAULTS, 'replication.factor': rf })).toBeLessThanOrEqual(rf);
      const linger = rangeOf('linger.ms')!.draw(rng, DEFAULTS) as number;
      const delivery = rangeOf('delivery.timeout.ms')!.draw(rng, { ...DEFAULTS, 'linger.ms': linger }) as number;
      expect(delivery).toBeGreaterThanOrEqual(linger + DEFAULTS['request.timeout.ms']);
      const lag = rangeOf('replica.lag.time.max.ms')!.draw(rng, DEFAULTS) as number;
      expect(rangeOf('replica.fetch.wait.max.ms')!.draw(rng, { ...DEFAULTS, 'replica.lag.time.max.ms': lag })).toBeLessThanOrEqual(lag);
    }
  });

  test('model.alter.configs draws alterations exactly for the models whose fault mix makes alter-config faults, within the replication factor', () => {
    const rng = createRng('alterations');
    const range = rangeOf('model.alter.configs')!;
    for (let i = 0; i < 300; i++) {
      const rf = 1 + (i % 3);
      const both = { ...DEFAULTS, 'replication.factor': rf, 'model.faults': ['kill', 'alter-config'], 'model.group.faults': ['crash', 'alter-config'] } as KmcConfig;
      const drawn = range.draw(rng, both) as KmcConfig['model.alter.configs'];
      expect(drawn.some((a) => a.key === 'min.insync.replicas' || a.key === 'unclean.leader.election.enable')).toBe(true);
      expect(drawn.some((a) => a.key === 'retention.ms' || a.key === 'retention.bytes')).toBe(true);
      for (const a of drawn) if (a.key === 'min.insync.replicas') expect(a.value).toBeLessThanOrEqual(rf);
      expect(() => resolveConfig({ ...both, 'model.alter.configs': drawn })).not.toThrow();
      expect(range.draw(rng, DEFAULTS)).toEqual([]);
    }
  });

  test('ranges reach the corners the issue names: linger.ms 0..2000 mostly 0 or 5, model.records up to 120, 7 brokers', () => {
    const rng = createRng('corners');
    const lingers = Array.from({ length: 2000 }, () => rangeOf('linger.ms')!.draw(rng, DEFAULTS) as number);
    expect(Math.max(...lingers)).toBeGreaterThan(1000);
    expect(lingers.filter((l) => l === 0 || l === 5).length).toBeGreaterThan(lingers.length / 3);
    const records = Array.from({ length: 2000 }, () => rangeOf('model.records')!.draw(rng, DEFAULTS) as number);
    expect(Math.max(...records)).toBeGreaterThan(100);
    expect(Math.min(...records)).toBe(1);
    expect(Array.from({ length: 500 }, () => rangeOf('model.brokers')!.draw(rng, DEFAULTS))).toContain(7);
  });

  test('each model varies its own keys: --vary all of the cluster has no consumer key, and the group none of the producer', () => {
    const cluster = keysOfModel('cluster');
    const group = keysOfModel('group');
    expect(cluster).toEqual(expect.arrayContaining(['acks', 'linger.ms', 'batch.size', 'delivery.timeout.ms', 'model.records', 'model.brokers', 'min.insync.replicas', 'model.faults']));
    expect(cluster).not.toContain('session.timeout.ms');
    expect(group).toEqual(expect.arrayContaining(['partition.assignment.strategy', 'session.timeout.ms', 'max.poll.interval.ms', 'model.group.processing', 'model.group.instance.ids', 'retention.ms', 'auto.offset.reset']));
    expect(group).not.toContain('acks');
    expect(FUZZ_MODELS).toEqual(['cluster', 'group']);
  });
});
