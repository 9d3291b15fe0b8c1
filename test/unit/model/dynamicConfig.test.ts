/**
 * model.alter.configs: the alterations alter-config faults may make. Only Kafka's dynamic topic
 * configs kmc models are accepted; every other key is refused with why Kafka cannot change it at
 * run time (DynamicBrokerConfig's reconfigurables; client configs read once; a replication factor
 * changed only by reassignment).
 */
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, configToRecord, resolveConfig } from '../../../model/config.ts';
import { DYNAMIC_KEY_NAMES, notAlterableReason } from '../../../model/dynamicConfig.ts';
import { errorOf } from './configError.ts';

const ALTERABLE = 'alterable in a run: min.insync.replicas (cluster model), unclean.leader.election.enable (cluster model), retention.ms (group model), retention.bytes (group model)';

describe('model.alter.configs: parsing', () => {
  it('reads key=value pairs separated by ",", typed by each key\'s own rule, in the order given', () => {
    const config = resolveConfig({ 'model.faults': 'kill,alter-config', 'model.alter.configs': 'min.insync.replicas=1, unclean.leader.election.enable=true,min.insync.replicas=3' });
    expect(config['model.alter.configs']).toEqual([
      { key: 'min.insync.replicas', value: 1 },
      { key: 'unclean.leader.election.enable', value: true },
      { key: 'min.insync.replicas', value: 3 },
    ]);
    expect(resolveConfig({})['model.alter.configs']).toEqual([]);
    expect(resolveConfig({ 'model.alter.configs': 'none' })['model.alter.configs']).toEqual([]);
    expect(resolveConfig({ 'model.faults': 'alter-config', 'model.alter.configs': ['min.insync.replicas=2'] })['model.alter.configs']).toEqual([{ key: 'min.insync.replicas', value: 2 }]);
  });

  it('writes them back as the same text, which resolves to the same config (counterexample files)', () => {
    const config = resolveConfig({ 'model.faults': 'alter-config', 'model.group.faults': 'crash,alter-config', 'model.alter.configs': 'min.insync.replicas=1,retention.ms=1000,retention.bytes=-1' });
    const record = configToRecord(config);
    expect(record['model.alter.configs']).toBe('min.insync.replicas=1,retention.ms=1000,retention.bytes=-1');
    expect(resolveConfig(record)['model.alter.configs']).toEqual(config['model.alter.configs']);
    expect(configToRecord(resolveConfig({}))['model.alter.configs']).toBe('none');
    // A resolved config given again as a layer (kmc fuzz draws over one) keeps its alterations.
    expect(resolveConfig({ ...config })['model.alter.configs']).toEqual(config['model.alter.configs']);
  });

  it('refuses a pair that is not key=value, an unknown key (with the nearest), a bad value, or the same pair twice', () => {
    expect(errorOf({ 'model.alter.configs': 'min.insync.replicas' })).toBe('model.alter.configs: "min.insync.replicas" is not a key=value pair (e.g. "min.insync.replicas=1")');
    expect(errorOf({ 'model.alter.configs': 'min.insync.replica=1' })).toBe('model.alter.configs: "min.insync.replica" is not a config key; did you mean "min.insync.replicas"?');
    expect(errorOf({ 'model.alter.configs': 'min.insync.replicas=0' })).toBe('model.alter.configs: min.insync.replicas=0: must be between 1 and 7');
    expect(errorOf({ 'model.alter.configs': 'unclean.leader.election.enable=yes' })).toBe('model.alter.configs: unclean.leader.election.enable=yes: must be true or false');
    expect(errorOf({ 'model.faults': 'alter-config', 'model.alter.configs': 'min.insync.replicas=1,min.insync.replicas=1' })).toBe('model.alter.configs: "min.insync.replicas=1" is listed twice');
  });
});

describe('model.alter.configs: a static key is refused, saying what Kafka needs to change it', () => {
  it('replication.factor: a partition reassignment', () => {
    expect(errorOf({ 'model.alter.configs': 'replication.factor=2' })).toBe(
      `model.alter.configs: replication.factor is a static config: Kafka needs a partition reassignment (kafka-reassign-partitions) to change it (not alterable with kafka-configs); ${ALTERABLE}`,
    );
  });

  it('producer and consumer configs: a new client; broker replication and session configs: a broker restart', () => {
    expect(errorOf({ 'model.alter.configs': 'acks=1' })).toContain('acks is a static config: Kafka needs a new KafkaProducer to change it: the producer reads its config once, when the application creates it (not alterable with kafka-configs)');
    expect(errorOf({ 'model.alter.configs': 'enable.idempotence=false' })).toContain('enable.idempotence is a static config: Kafka needs a new KafkaProducer');
    expect(errorOf({ 'model.alter.configs': 'session.timeout.ms=6000' })).toContain('session.timeout.ms is a static config: Kafka needs a new KafkaConsumer');
    expect(errorOf({ 'model.alter.configs': 'replica.lag.time.max.ms=1000' })).toContain('replica.lag.time.max.ms is a static config: Kafka needs a broker restart to change it (read-only in DynamicBrokerConfig)');
    expect(errorOf({ 'model.alter.configs': 'num.partitions=4' })).toContain('num.partitions is a static config: Kafka needs kafka-topics --alter --partitions to add partitions');
  });

  it('model keys: kmc\'s own settings, fixed for a run', () => {
    expect(errorOf({ 'model.alter.configs': 'model.brokers=5' })).toContain('model.brokers is a static config: Kafka needs brokers started or stopped');
    expect(errorOf({ 'model.alter.configs': 'model.truncation=kip-101' })).toContain("model.truncation is a static config: kmc's own setting of the model");
  });

  it('a dynamic topic config of Kafka that kmc does not alter is refused as such', () => {
    expect(errorOf({ 'model.alter.configs': 'flush.messages=1' })).toBe(`model.alter.configs: flush.messages is a dynamic topic config in Kafka (kafka-configs --alter), but kmc does not model altering it during a run; ${ALTERABLE}`);
  });

  it('every config key is either alterable or refused with a reason', () => {
    for (const key of CONFIG_KEYS) {
      if ((DYNAMIC_KEY_NAMES as readonly string[]).includes(key)) continue;
      expect(notAlterableReason(key), key).toMatch(new RegExp(`^${key.replace(/\./g, '\\.')} is a (static config|dynamic topic config in Kafka)`));
    }
  });
});

describe('model.alter.configs against the rest of the config', () => {
  it('needs alter-config in the fault mix of the model that reads each key, and that fault kind needs an alteration', () => {
    expect(errorOf({ 'model.alter.configs': 'min.insync.replicas=1' })).toBe(
      'model.alter.configs names min.insync.replicas=1, which only alter-config faults of the cluster model make, but model.faults does not include alter-config: add it, or the alterations never happen',
    );
    expect(errorOf({ 'model.faults': 'alter-config', 'model.alter.configs': 'min.insync.replicas=1,retention.ms=1000' })).toContain('names retention.ms=1000, which only alter-config faults of the group model make, but model.group.faults does not include alter-config');
    expect(errorOf({ 'model.faults': 'kill,alter-config' })).toBe(
      'model.faults includes alter-config, but model.alter.configs names no alteration of min.insync.replicas or unclean.leader.election.enable for it to make (e.g. model.alter.configs=min.insync.replicas=1)',
    );
    expect(errorOf({ 'model.group.faults': 'alter-config' })).toContain('model.group.faults includes alter-config, but model.alter.configs names no alteration of retention.ms or retention.bytes');
    expect(resolveConfig({ 'model.group.faults': 'crash,alter-config', 'model.alter.configs': 'retention.ms=1000' })['model.group.faults']).toEqual(['crash', 'alter-config']);
  });

  it('keeps min.insync.replicas within the replication factor, as the static rule does', () => {
    expect(errorOf({ 'model.faults': 'alter-config', 'replication.factor': 2, 'model.alter.configs': 'min.insync.replicas=3' })).toBe(
      'model.alter.configs names min.insync.replicas=3, above replication.factor=2: acks=all writes could never succeed once it is in force',
    );
  });
});
