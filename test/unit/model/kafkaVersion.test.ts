/**
 * model.kafka.version: every version-pinned default on both sides of the release that changed it,
 * explicit keys over the version, the producer's idempotence rules per release, and bad versions.
 * Each boundary is the first release whose tag holds the change (model/kafkaVersion.ts cites the
 * commit and `git tag --contains`).
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig, resolveRecordedConfig, configToRecord, userConfigKeys, versionOrigin } from '../../../model/config.ts';
import { KAFKA_VERSIONS, KAFKA_VERSION_NEWEST, VERSION_RULES, compareKafkaVersions, nearestKafkaVersion, versionDefault } from '../../../model/kafkaVersion.ts';
import { errorOf } from './configError.ts';

const at = (version: string, overrides: Record<string, unknown> = {}) => resolveConfig({ 'model.kafka.version': version, ...overrides });

describe('the version table', () => {
  it('lists releases oldest first, each rule starting at the oldest with steps in release order', () => {
    for (let i = 1; i < KAFKA_VERSIONS.length; i++) expect(compareKafkaVersions(KAFKA_VERSIONS[i - 1], KAFKA_VERSIONS[i])).toBeLessThan(0);
    for (const rule of VERSION_RULES) {
      expect(rule.steps[0].since).toBe(KAFKA_VERSIONS[0]);
      for (let i = 1; i < rule.steps.length; i++) expect(compareKafkaVersions(rule.steps[i - 1].since, rule.steps[i].since)).toBeLessThan(0);
      expect(rule.doc.length).toBeGreaterThan(10);
    }
  });

  it('defaults to the newest release, whose defaults are the DEFAULTS', () => {
    expect(resolveConfig()['model.kafka.version']).toBe(KAFKA_VERSION_NEWEST);
    expect(configToRecord(at(KAFKA_VERSION_NEWEST))).toEqual(configToRecord(resolveConfig()));
  });

  it('orders release names by number: 2.10 after 2.9, 3.0.1 after 3.0', () => {
    expect(compareKafkaVersions('2.9', '2.10')).toBeLessThan(0);
    expect(compareKafkaVersions('3.0.1', '3.0')).toBeGreaterThan(0);
    expect(compareKafkaVersions('3.0', '3.0.0')).toBe(0);
  });
});

describe('truncation and fencing per release', () => {
  it('0.10 truncates to the high watermark; 0.11 uses KIP-101 (OffsetsForLeaderEpoch)', () => {
    expect(at('0.10')['model.truncation']).toBe('high-watermark');
    expect(at('0.11')['model.truncation']).toBe('kip-101');
  });

  it('1.1 still uses KIP-101; 2.0 the largest common epoch of KIP-279 (KAFKA-6361)', () => {
    expect(at('1.1')['model.truncation']).toBe('kip-101');
    expect(at('2.0')['model.truncation']).toBe('kip-279');
  });

  it('2.0 has no epoch fencing; 2.1 adds KIP-320 fencing (KAFKA-7395)', () => {
    expect(at('2.0')['model.fencing']).toBe(false);
    expect(at('2.1')['model.fencing']).toBe(true);
    expect(at('2.1')['model.truncation']).toBe('kip-279');
  });

  it('2.7 still truncates by OffsetsForLeaderEpoch; 2.8 on the FetchResponse diverging epoch (KAFKA-10554, first in 2.8.0)', () => {
    expect(at('2.7')['model.truncation']).toBe('kip-279');
    expect(at('2.8')['model.truncation']).toBe('diverging-epoch');
    expect(at('4.1')['model.truncation']).toBe('diverging-epoch');
  });
});

describe('broker-side rules per release', () => {
  it('3.4 adds a replica to the ISR without broker epochs; 3.5 checks them (KIP-903, KAFKA-14617)', () => {
    expect(at('3.4')['model.isr.broker.epoch']).toBe(false);
    expect(at('3.5')['model.isr.broker.epoch']).toBe(true);
  });

  it('3.6 advances the high watermark below min.insync.replicas; 3.7 does not (KAFKA-15583)', () => {
    expect(at('3.6')['model.strict.min.isr']).toBe(false);
    expect(at('3.7')['model.strict.min.isr']).toBe(true);
  });

  it('4.0 has Eligible Leader Replicas off by default; 4.1 on (KIP-966, docs operations/eligible-leader-replicas)', () => {
    expect(at('3.9')['eligible.leader.replicas.version']).toBe(0);
    expect(at('4.0')['eligible.leader.replicas.version']).toBe(0);
    expect(at('4.1')['eligible.leader.replicas.version']).toBe(1);
    expect(at('4.0', { 'eligible.leader.replicas.version': 1 })['eligible.leader.replicas.version']).toBe(1);
  });
});

describe('dynamic configs per release', () => {
  it('turning unclean election on elects offline partitions at the next broker change up to 2.0, at once from 2.1 (KAFKA-6835), at the KRaft check from 3.9 (KAFKA-12670)', () => {
    expect(at('2.0')['model.unclean.enable.election']).toBe('next-change');
    expect(at('2.1')['model.unclean.enable.election']).toBe('at-once');
    expect(at('3.8')['model.unclean.enable.election']).toBe('at-once');
    expect(at('3.9')['model.unclean.enable.election']).toBe('periodic');
    expect(at('3.8', { 'model.unclean.enable.election': 'periodic' })['model.unclean.enable.election']).toBe('periodic');
  });
});

describe('producer defaults per release', () => {
  it('2.8 defaults to acks=1 without idempotence; 3.0 to acks=all (KIP-679)', () => {
    expect(at('2.8')).toMatchObject({ acks: 1, 'enable.idempotence': false });
    expect(at('3.0').acks).toBe(-1);
  });

  it('3.0.0 and 3.1.0 leave idempotence off unless set (ProducerConfig.idempotenceEnabled); 3.2 turns it on (KAFKA-13598)', () => {
    expect(at('3.1')['enable.idempotence']).toBe(false);
    expect(at('3.2')['enable.idempotence']).toBe(true);
    expect(at('3.3')['enable.idempotence']).toBe(true);
  });

  it('2.0 defaults to retries=0; 2.1 to Integer.MAX_VALUE (KIP-91)', () => {
    expect(at('2.0').retries).toBe(0);
    expect(at('2.1').retries).toBe(2147483647);
  });

  it('3.9 defaults to linger.ms=0; 4.0 to 5 (KIP-1030)', () => {
    expect(at('3.9')['linger.ms']).toBe(0);
    expect(at('4.0')['linger.ms']).toBe(5);
  });

  it('the default partitioner: the round-robin DefaultPartitioner up to 2.3, KIP-480 sticky from 2.4, the KIP-794 built-in from 3.3', () => {
    expect(at('2.3')['partitioner.class']).toBe('legacy-round-robin');
    expect(at('2.4')['partitioner.class']).toBe('sticky');
    expect(at('3.2')['partitioner.class']).toBe('sticky');
    expect(at('3.3')['partitioner.class']).toBe('default');
  });

  it('partitioner.class=default names the version\'s default partitioner; any other name is kept', () => {
    expect(at('2.3', { 'partitioner.class': 'default' })['partitioner.class']).toBe('legacy-round-robin');
    expect(at('3.0', { 'partitioner.class': 'default' })['partitioner.class']).toBe('sticky');
    expect(at('2.3', { 'partitioner.class': 'round-robin' })['partitioner.class']).toBe('round-robin');
    expect(at('4.1', { 'partitioner.class': 'legacy-round-robin' })['partitioner.class']).toBe('legacy-round-robin');
  });

  it('a partitioner.class is asked twice on a new batch from 2.4 (KIP-480, KAFKA-9965) to 3.9; once before and from 4.0 (KAFKA-17632, KAFKA-18295)', () => {
    expect(at('2.3')['model.partitioner.double.call']).toBe(false);
    expect(at('2.4')['model.partitioner.double.call']).toBe(true);
    expect(at('3.9')['model.partitioner.double.call']).toBe(true);
    expect(at('4.0')['model.partitioner.double.call']).toBe(false);
  });
});

describe('explicit keys over the version', () => {
  it('keeps every key the user set, whatever the version', () => {
    const config = at('0.10', { 'model.truncation': 'diverging-epoch', 'model.fencing': true, acks: 'all', 'linger.ms': 7, retries: 3, 'model.partitioner.double.call': true });
    expect(config).toMatchObject({ 'model.truncation': 'diverging-epoch', 'model.fencing': true, acks: -1, 'linger.ms': 7, retries: 3, 'model.partitioner.double.call': true });
    expect(at('4.1', { 'model.truncation': 'kip-101', acks: 1 })).toMatchObject({ 'model.truncation': 'kip-101', acks: 1, 'enable.idempotence': false });
  });

  it('a later layer (--set) may change the version under a scenario that sets none of its keys', () => {
    expect(resolveConfig({ 'min.insync.replicas': 2 }, { 'model.kafka.version': '2.0' })).toMatchObject({ 'model.truncation': 'kip-279', acks: 1 });
  });

  it('an idempotent producer before 3.0 gets acks=all and retries=MAX when they are unset, as KafkaProducer.configureAcks/configureRetries do', () => {
    expect(at('2.0', { 'enable.idempotence': true })).toMatchObject({ acks: -1, retries: 2147483647, 'enable.idempotence': true });
    expect(errorOf({ 'model.kafka.version': '2.0', 'enable.idempotence': true, acks: 1 })).toBe('enable.idempotence=true requires acks=all (got acks=1), as the Java producer does');
  });

  it('refuses idempotence before 0.11 (KIP-98), and in 0.11 allows one request in flight only (KAFKA-5494 raised it to 5 in 1.0)', () => {
    expect(errorOf({ 'model.kafka.version': '0.10', 'enable.idempotence': true })).toBe('enable.idempotence=true needs Kafka 0.11 or later (KIP-98), but model.kafka.version=0.10');
    expect(at('0.11', { 'enable.idempotence': true })['max.in.flight.requests.per.connection']).toBe(1);
    expect(errorOf({ 'model.kafka.version': '0.11', 'enable.idempotence': true, 'max.in.flight.requests.per.connection': 2 })).toBe(
      'enable.idempotence=true requires max.in.flight.requests.per.connection=1 in Kafka 0.11 (got 2); Kafka 1.0 allows up to 5 (KAFKA-5494)',
    );
    expect(at('1.0', { 'enable.idempotence': true })['max.in.flight.requests.per.connection']).toBe(5);
  });
});

describe('where a value came from', () => {
  it('names the version step behind a value the user left to the version, and nothing for a value the user set', () => {
    const config = at('2.7', { 'model.truncation': 'kip-279' });
    expect(userConfigKeys(config)).toEqual(['model.kafka.version', 'model.truncation']);
    expect(versionOrigin(config, 'acks')).toMatchObject({ version: '2.7', step: { value: 1 }, next: { since: '3.0', change: 'KIP-679' } });
    expect(versionOrigin(config, 'model.truncation')).toBeNull();
    expect(versionOrigin(config, 'min.insync.replicas')).toBeNull();
  });

  it('does not credit the version for a value another rule derived (idempotence making acks all)', () => {
    expect(versionOrigin(at('2.7', { 'enable.idempotence': true }), 'acks')).toBeNull();
    expect(versionOrigin(at('4.1', { acks: 1 }), 'enable.idempotence')).toBeNull();
  });

  it('a recorded config resolves to the same values and keeps the user-set keys the file lists', () => {
    const checked = at('2.0', { 'min.insync.replicas': 2 });
    const replayed = resolveRecordedConfig({}, configToRecord(checked), userConfigKeys(checked));
    expect(configToRecord(replayed)).toEqual(configToRecord(checked));
    expect(versionOrigin(replayed, 'model.truncation')).toMatchObject({ version: '2.0', next: { since: '2.8' } });
    const unlisted = resolveRecordedConfig({}, configToRecord(checked), null);
    expect(versionOrigin(unlisted, 'model.truncation')).toBeNull();
    expect(() => resolveRecordedConfig({}, configToRecord(checked), ['ack'])).toThrow('user-set key "ack" is not a config key; did you mean "acks"?');
  });

  it('gives each rule\'s default at any release', () => {
    expect(versionDefault('acks', '2.7')).toBe(1);
    expect(versionDefault('min.insync.replicas', '2.7')).toBeUndefined();
  });
});

describe('bad versions', () => {
  it('names the known releases and the nearest earlier one', () => {
    expect(errorOf({ 'model.kafka.version': '4.2' })).toBe(
      'model.kafka.version=4.2: must be a Kafka release kmc models (known: 0.10, 0.11, 1.0, 1.1, 2.0 to 2.8, 3.0 to 3.9, 4.0, 4.1); did you mean "4.1"?',
    );
    expect(errorOf({ 'model.kafka.version': '3.7.1' })).toMatch(/must be a Kafka release kmc models .*; did you mean "3\.7"\?$/);
    expect(errorOf({ 'model.kafka.version': 'trunk' })).toMatch(/^model\.kafka\.version=trunk: must be a Kafka release kmc models \(known: .*\); did you mean "/);
    expect(nearestKafkaVersion('0.9')).toBe('0.10');
    expect(nearestKafkaVersion('2.9')).toBe('2.8');
  });

  it('reads a JSON number as the release it spells', () => {
    expect(resolveConfig({ 'model.kafka.version': 2.7 })['model.kafka.version']).toBe('2.7');
  });
});
