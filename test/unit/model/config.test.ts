import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, DEFAULTS, FAULT_KINDS, KEY_SPECS, configDiff, configToRecord, nearestKey, resolveConfig } from '../../../model/config.ts';
import { errorOf } from './configError.ts';

describe('resolveConfig defaults', () => {
  it('gives Kafka defaults when nothing is overridden', () => {
    const config = resolveConfig();
    expect(config).toEqual(DEFAULTS);
    expect(config['min.insync.replicas']).toBe(1);
    expect(config.acks).toBe(-1);
    expect(config.retries).toBe(2147483647);
    expect(config['replica.lag.time.max.ms']).toBe(30000);
    expect(config['broker.session.timeout.ms']).toBe(9000);
    expect(config['broker.heartbeat.interval.ms']).toBe(2000);
    expect(config['request.timeout.ms']).toBe(30000);
    expect(config['delivery.timeout.ms']).toBe(120000);
    expect(config['max.in.flight.requests.per.connection']).toBe(5);
    expect(config['unclean.leader.election.enable']).toBe(false);
    expect(config['flush.messages']).toBe(Number.MAX_SAFE_INTEGER);
    expect(config['model.truncation']).toBe('diverging-epoch');
    expect(config['model.fencing']).toBe(true);
  });

  it('returns a fresh fault list: changing it does not change the defaults', () => {
    const config = resolveConfig();
    config['model.faults'].push('power');
    expect(DEFAULTS['model.faults']).toEqual(['kill', 'pause', 'isolate', 'link']);
  });

  it('documents every key with bounds for ints', () => {
    for (const key of CONFIG_KEYS) {
      expect(KEY_SPECS[key].doc.length).toBeGreaterThan(5);
      if (KEY_SPECS[key].kind === 'int') expect(KEY_SPECS[key].min).toBeLessThanOrEqual(DEFAULTS[key] as number);
    }
    expect(Object.keys(DEFAULTS).sort()).toEqual([...CONFIG_KEYS].sort());
  });
});

describe('resolveConfig parsing', () => {
  it('parses strings the way --set gives them, and later layers win', () => {
    const config = resolveConfig({ acks: '1', 'model.brokers': '5' }, { 'replication.factor': ' 4 ', 'model.fencing': 'false' }, { acks: 'all' });
    expect(config.acks).toBe(-1);
    expect(config['model.brokers']).toBe(5);
    expect(config['replication.factor']).toBe(4);
    expect(config['model.fencing']).toBe(false);
  });

  it('accepts acks as 0, 1, all, -1 (numbers or strings)', () => {
    expect(resolveConfig({ acks: 0 }).acks).toBe(0);
    expect(resolveConfig({ acks: '0' }).acks).toBe(0);
    expect(resolveConfig({ acks: 1 }).acks).toBe(1);
    expect(resolveConfig({ acks: -1 }).acks).toBe(-1);
    expect(resolveConfig({ acks: '-1' }).acks).toBe(-1);
  });

  it('parses fault lists in canonical order without duplicates, and "none" as empty', () => {
    expect(resolveConfig({ 'model.faults': 'link, kill,power,kill' })['model.faults']).toEqual(['kill', 'power', 'link']);
    expect(resolveConfig({ 'model.faults': ['drop', 'elect'] })['model.faults']).toEqual(['drop', 'elect']);
    expect(resolveConfig({ 'model.faults': 'none' })['model.faults']).toEqual([]);
    expect(resolveConfig({ 'model.faults': '' })['model.faults']).toEqual([]);
    expect(resolveConfig({ 'model.faults': FAULT_KINDS.join(','), 'model.alter.configs': 'min.insync.replicas=1' })['model.faults']).toEqual([...FAULT_KINDS]);
  });

  it('accepts every truncation rule', () => {
    for (const rule of ['diverging-epoch', 'kip-279', 'kip-101', 'high-watermark']) expect(resolveConfig({ 'model.truncation': rule })['model.truncation']).toBe(rule);
  });
});

describe('resolveConfig errors name the key and the rule', () => {
  it('rejects an unknown key and suggests the nearest known one', () => {
    expect(errorOf({ 'min.insync.replica': 2 })).toBe('unknown config key "min.insync.replica"; did you mean "min.insync.replicas"?');
    expect(errorOf({ ack: 1 })).toContain('did you mean "acks"?');
    expect(errorOf({ 'replication.factr': 1 })).toContain('"replication.factor"');
  });

  it('nearestKey finds the closest key by edit distance', () => {
    expect(nearestKey('min.insync.replica')).toBe('min.insync.replicas');
    expect(nearestKey('model.broker')).toBe('model.brokers');
    expect(nearestKey('enable.idempotency')).toBe('enable.idempotence');
  });

  it('rejects acks=2', () => {
    const message = errorOf({ acks: 2 });
    expect(message).toBe('acks=2: must be 0, 1, all or -1');
    expect(errorOf({ acks: 'some' })).toContain('acks=some');
  });

  it('rejects min.insync.replicas > replication.factor', () => {
    const message = errorOf({ 'replication.factor': 2, 'min.insync.replicas': 3 });
    expect(message).toContain('min.insync.replicas=3 exceeds replication.factor=2');
  });

  it('rejects replication.factor > model.brokers', () => {
    const message = errorOf({ 'model.brokers': 2 });
    expect(message).toContain('replication.factor=3 exceeds model.brokers=2');
  });

  it('rejects enable.idempotence with acks=1 (and acks=0)', () => {
    expect(errorOf({ 'enable.idempotence': true, acks: 1 })).toContain('enable.idempotence=true requires acks=all (got acks=1)');
    expect(errorOf({ 'enable.idempotence': 'true', acks: '0' })).toContain('got acks=0');
    expect(resolveConfig({ 'enable.idempotence': true })['enable.idempotence']).toBe(true);
  });

  it('rejects enable.idempotence with more than 5 requests in flight', () => {
    expect(errorOf({ 'enable.idempotence': true, 'max.in.flight.requests.per.connection': 6 })).toContain('max.in.flight.requests.per.connection <= 5 (got 6)');
    expect(resolveConfig({ 'max.in.flight.requests.per.connection': 6 })['max.in.flight.requests.per.connection']).toBe(6);
  });

  it('rejects a delivery.timeout.ms set below linger.ms + request.timeout.ms (KafkaProducer.configureDeliveryTimeout: ConfigException)', () => {
    expect(errorOf({ 'delivery.timeout.ms': 1000, 'request.timeout.ms': 3000 })).toBe(
      'delivery.timeout.ms=1000 is below linger.ms + request.timeout.ms = 5 + 3000 = 3005: Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms (KafkaProducer.configureDeliveryTimeout)',
    );
    expect(errorOf({ 'delivery.timeout.ms': 3200, 'request.timeout.ms': 3000, 'linger.ms': 300 })).toContain('delivery.timeout.ms=3200 is below linger.ms + request.timeout.ms = 300 + 3000 = 3300');
    expect(resolveConfig({ 'delivery.timeout.ms': 3300, 'request.timeout.ms': 3000, 'linger.ms': 300 })['delivery.timeout.ms']).toBe(3300);
  });

  it('raises a delivery.timeout.ms left at its default to linger.ms + request.timeout.ms, as KafkaProducer.configureDeliveryTimeout does', () => {
    expect(resolveConfig({ 'request.timeout.ms': 200000, 'linger.ms': 1000 })['delivery.timeout.ms']).toBe(201000);
    expect(resolveConfig({ 'request.timeout.ms': 3000 })['delivery.timeout.ms']).toBe(120000);
  });

  it('rejects replica.fetch.wait.max.ms above replica.lag.time.max.ms, as KafkaConfig.validateValues does', () => {
    expect(errorOf({ 'replica.lag.time.max.ms': 1000, 'replica.fetch.wait.max.ms': 1001 })).toContain('replica.fetch.wait.max.ms=1001 exceeds replica.lag.time.max.ms=1000');
    expect(resolveConfig({ 'replica.lag.time.max.ms': 1000, 'replica.fetch.wait.max.ms': 1000 })['replica.fetch.wait.max.ms']).toBe(1000);
  });

  it('rejects a bad fault kind, listing the known ones', () => {
    const message = errorOf({ 'model.faults': 'kill,meteor' });
    expect(message).toContain('model.faults');
    expect(message).toContain('unknown fault kind "meteor"');
    expect(message).toContain(FAULT_KINDS.join(', '));
    expect(errorOf({ 'model.faults': 7 })).toContain('model.faults=7');
  });

  it('rejects non-integers and out-of-range integers', () => {
    expect(errorOf({ 'model.brokers': 2.5 })).toBe('model.brokers=2.5: must be a whole number');
    expect(errorOf({ 'model.brokers': '3x' })).toBe('model.brokers=3x: must be a whole number');
    expect(errorOf({ 'model.brokers': '' })).toContain('must be a whole number');
    expect(errorOf({ retries: -1 })).toBe('retries=-1: must be between 0 and 2147483647');
    expect(errorOf({ 'model.brokers': 8 })).toBe('model.brokers=8: must be between 1 and 7');
  });

  it('rejects bad booleans and enum values', () => {
    expect(errorOf({ 'model.fencing': 'yes' })).toBe('model.fencing=yes: must be true or false');
    expect(errorOf({ 'model.truncation': 'kip-320' })).toContain('model.truncation=kip-320: must be one of diverging-epoch, kip-279, kip-101, high-watermark');
  });
});

describe('configToRecord and configDiff', () => {
  it('flattens the config to Kafka-style key=value pairs, acks -1 as "all", fault lists joined', () => {
    const record = configToRecord(resolveConfig({ 'model.faults': 'kill,power' }));
    expect(Object.keys(record)).toEqual(CONFIG_KEYS);
    expect(record.acks).toBe('all');
    expect(record['model.faults']).toBe('kill,power');
    expect(record['min.insync.replicas']).toBe(1);
    expect(record['model.fencing']).toBe(true);
    expect(configToRecord(resolveConfig({ 'model.faults': 'none', acks: 1 }))).toMatchObject({ 'model.faults': 'none', acks: 1 });
  });

  it('diffs only the keys that differ from the defaults', () => {
    expect(configDiff(resolveConfig())).toEqual({});
    // acks=1 also turns the default idempotence off (it was not asked for): a difference too.
    expect(configDiff(resolveConfig({ acks: 1, 'min.insync.replicas': 2, 'model.faults': 'none' }))).toEqual({ acks: 1, 'min.insync.replicas': 2, 'model.faults': 'none', 'enable.idempotence': false });
    // Setting a key to its default value is no difference.
    expect(configDiff(resolveConfig({ acks: 'all', 'model.faults': 'isolate,kill,link,pause' }))).toEqual({});
  });
});

describe('enable.idempotence default (ProducerConfig)', () => {
  it('is on by default, as in the Java client since 3.0', () => {
    expect(resolveConfig()['enable.idempotence']).toBe(true);
  });
  it('is turned off, not refused, by conflicting settings when it was not asked for', () => {
    expect(resolveConfig({ acks: '1' })['enable.idempotence']).toBe(false);
    expect(resolveConfig({ retries: 0 })['enable.idempotence']).toBe(false);
    expect(resolveConfig({ 'max.in.flight.requests.per.connection': 6 })['enable.idempotence']).toBe(false);
  });
  it('is refused with those settings when it was asked for, naming the rule', () => {
    expect(() => resolveConfig({ acks: '1', 'enable.idempotence': true })).toThrow('enable.idempotence=true requires acks=all');
    expect(() => resolveConfig({ retries: 0, 'enable.idempotence': true })).toThrow('enable.idempotence=true requires retries > 0');
  });
});

describe('model.partition.plan', () => {
  const base = { 'model.producers': 2, 'model.records': 3, 'num.partitions': 2 };
  it('parses partitions per record, producers separated by ";"', () => {
    expect(resolveConfig(base, { 'model.partition.plan': '0,1,1;1,0,0' })['model.partition.plan']).toEqual([
      [0, 1, 1],
      [1, 0, 0],
    ]);
    expect(configToRecord(resolveConfig(base, { 'model.partition.plan': '0,1,1;1,0,0' }))['model.partition.plan']).toBe('0,1,1;1,0,0');
  });
  it('names the rule a plan breaks', () => {
    expect(() => resolveConfig(base, { 'model.partition.plan': '0,1,1' })).toThrow('model.partition.plan names 1 producers but model.producers=2');
    expect(() => resolveConfig(base, { 'model.partition.plan': '0,1;1,0,0' })).toThrow('producer 1 has 2 partitions for model.records=3 records');
    expect(() => resolveConfig(base, { 'model.partition.plan': '0,1,2;1,0,0' })).toThrow('partition 2 of producer 1 is out of range for num.partitions=2');
    expect(() => resolveConfig(base, { 'model.partition.plan': '0,x,1;1,0,0' })).toThrow('"x" is not a partition number');
  });
  it('sends each record to the partition the plan names', async () => {
    const { clusterModel } = await import('../../../model/cluster/index.ts');
    const config = resolveConfig({ 'model.producers': 1, 'model.records': 3, 'num.partitions': 3, 'model.partition.plan': '2,0,2' });
    const state = clusterModel.init(config, 'plan');
    for (let i = 0; i < 3; i++) clusterModel.step(state, { type: 'send', producer: 'producer-1' });
    expect(state.history.ops.map((op) => (op.type === 'send' ? op.partition : -1))).toEqual([2, 0, 2]);
  });
});
