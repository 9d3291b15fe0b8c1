import { describe, expect, it } from 'vitest';
import { replicationGuarantee } from '../../../properties/replicationGuarantee.ts';
import { duplicate } from '../../../properties/duplicate.ts';
import { hwMonotonic } from '../../../properties/hwMonotonic.ts';
import { inconsistentOffsets } from '../../../properties/inconsistentOffsets.ts';
import { leaderCompleteness } from '../../../properties/leaderCompleteness.ts';
import { leaderInIsr } from '../../../properties/leaderInIsr.ts';
import { logMatching } from '../../../properties/logMatching.ts';
import { lostWrite } from '../../../properties/lostWrite.ts';
import { strongIsr } from '../../../properties/strongIsr.ts';
import { unseen } from '../../../properties/unseen.ts';
import { safeConfig } from './fixtures.ts';
import { resolveConfig } from '../../../model/config.ts';

/** Each config that breaks the replication guarantee, and what `because` must say. */
const BREAKERS: [string, Record<string, unknown>, string][] = [
  ['min.insync.replicas=1', { 'min.insync.replicas': 1 }, 'min.insync.replicas=1'],
  ['replication.factor=1', { 'replication.factor': 1, 'min.insync.replicas': 1 }, 'min.insync.replicas=1, replication.factor=1'],
  ['unclean election', { 'unclean.leader.election.enable': true }, 'unclean.leader.election.enable=true'],
  ['model.truncation=kip-101', { 'model.truncation': 'kip-101' }, 'model.truncation=kip-101'],
  ['model.truncation=high-watermark', { 'model.truncation': 'high-watermark' }, 'model.truncation=high-watermark'],
  ['model.fencing=false', { 'model.fencing': false }, 'model.fencing=false'],
  [
    'power loss with flush.messages unset, without ELR',
    { 'model.faults': 'kill,power', 'eligible.leader.replicas.version': 0 },
    'model.faults includes power with flush.messages unset and eligible.leader.replicas.version=0 ' +
      '(a power loss on the last ISR member loses committed records and it is elected again: last replica standing, which KIP-966 Eligible Leader Replicas fixes)',
  ],
  [
    'power loss with flush.messages=5, without ELR',
    { 'model.faults': 'power', 'flush.messages': 5, 'eligible.leader.replicas.version': 0 },
    'model.faults includes power with flush.messages=5 and eligible.leader.replicas.version=0 ' +
      '(a power loss on the last ISR member loses committed records and it is elected again: last replica standing, which KIP-966 Eligible Leader Replicas fixes)',
  ],
  [
    'power loss with ELR but without KIP-903 broker epochs',
    { 'model.faults': 'power', 'model.isr.broker.epoch': false },
    'model.faults includes power with flush.messages unset and model.isr.broker.epoch=false ' +
      "(a replica that lost records in a power loss can be added back to the ISR on its previous process's fetch state: KAFKA-14139, which KIP-903 fixes)",
  ],
  [
    'ELR without the strict min ISR rule',
    { 'model.strict.min.isr': false },
    'model.strict.min.isr=false with eligible.leader.replicas.version=1 ' +
      '(the high watermark advances while the ISR is below min.insync.replicas, so an Eligible Leader Replica can lack committed records and still be elected)',
  ],
];

describe('replicationGuarantee', () => {
  it('holds with acks=all, min.insync.replicas=2, clean elections, diverging-epoch truncation and fencing', () => {
    expect(replicationGuarantee(safeConfig(), true)).toEqual({ guaranteed: true });
    expect(replicationGuarantee(safeConfig({ 'model.faults': 'power', 'flush.messages': 1 }), true)).toEqual({ guaranteed: true });
    expect(replicationGuarantee(safeConfig({ 'model.faults': 'power', 'flush.messages': 1, 'eligible.leader.replicas.version': 0, 'model.isr.broker.epoch': false }), true)).toEqual({ guaranteed: true });
  });

  it('holds with power losses and flush.messages unset under KIP-966 (ELR, KIP-903 broker epochs, strict min ISR): the 4.1 defaults', () => {
    expect(replicationGuarantee(safeConfig({ 'model.faults': 'kill,power,isolate' }), true)).toEqual({ guaranteed: true });
  });

  it('without ELR the strict min ISR rule changes nothing the guarantee names (an ISR below min ISR elects from itself)', () => {
    expect(replicationGuarantee(safeConfig({ 'model.strict.min.isr': false, 'eligible.leader.replicas.version': 0 }), true)).toEqual({ guaranteed: true });
  });

  it.each(BREAKERS)('breaks with %s', (_title, overrides, because) => {
    expect(replicationGuarantee(safeConfig(overrides), true)).toEqual({ guaranteed: false, because });
    expect(replicationGuarantee(safeConfig(overrides), false)).toEqual({ guaranteed: false, because });
  });

  it('names acks only when the property judges acks', () => {
    expect(replicationGuarantee(safeConfig({ acks: 1 }), true)).toEqual({ guaranteed: false, because: 'acks=1' });
    expect(replicationGuarantee(safeConfig({ acks: 0 }), true)).toEqual({ guaranteed: false, because: 'acks=0' });
    expect(replicationGuarantee(safeConfig({ acks: 1 }), false)).toEqual({ guaranteed: true });
  });

  it('lists every key that breaks it', () => {
    const config = safeConfig({ acks: 1, 'min.insync.replicas': 1, 'unclean.leader.election.enable': true, 'model.fencing': false });
    expect(replicationGuarantee(config, true)).toEqual({
      guaranteed: false,
      because: 'acks=1, min.insync.replicas=1, unclean.leader.election.enable=true, model.fencing=false',
    });
  });
});

describe('guaranteedWhen per property', () => {
  const writeLoss = [lostWrite, unseen, inconsistentOffsets];
  const replication = [strongIsr, logMatching, leaderCompleteness];

  it('write-loss history properties name acks=1', () => {
    for (const property of writeLoss) {
      expect(property.guaranteedWhen(safeConfig())).toEqual({ guaranteed: true });
      expect(property.guaranteedWhen(safeConfig({ acks: 1 }))).toEqual({ guaranteed: false, because: 'acks=1' });
    }
  });

  it('replication invariants ignore acks but name the other keys', () => {
    for (const property of replication) {
      expect(property.guaranteedWhen(safeConfig({ acks: 1 }))).toEqual({ guaranteed: true });
      for (const [, overrides, because] of BREAKERS) {
        expect(property.guaranteedWhen(safeConfig(overrides))).toEqual({ guaranteed: false, because });
      }
    }
  });

  it('the default config (min.insync.replicas=1) guarantees no write-loss property', () => {
    for (const property of [...writeLoss, ...replication]) {
      const guarantee = property.guaranteedWhen(safeConfig({ 'min.insync.replicas': 1 }));
      expect(guarantee.guaranteed).toBe(false);
      expect(guarantee.guaranteed ? '' : guarantee.because).toContain('min.insync.replicas=1');
    }
  });

  it('leader-in-isr and hw-monotonic are always guaranteed; duplicate needs idempotence and safe replication', () => {
    const unsafe = safeConfig({ acks: 1, 'min.insync.replicas': 1, 'unclean.leader.election.enable': true, 'model.truncation': 'kip-101', 'model.fencing': false });
    expect(leaderInIsr.guaranteedWhen(unsafe)).toEqual({ guaranteed: true });
    expect(hwMonotonic.guaranteedWhen(unsafe)).toEqual({ guaranteed: true });
    const dup = duplicate.guaranteedWhen(unsafe);
    expect(dup.guaranteed).toBe(false);
    expect(dup.guaranteed ? '' : dup.because).toMatch(/^enable\.idempotence=false \(retries may append twice\), /);
    expect(duplicate.guaranteedWhen(safeConfig({ 'enable.idempotence': true }))).toEqual({ guaranteed: true });
  });
});

describe('a guarantee that the release breaks names model.kafka.version', () => {
  const at = (version: string, overrides: Record<string, unknown> = {}) => safeConfig({ 'model.kafka.version': version, ...overrides });

  it('a truncation rule and fencing left to model.kafka.version=2.0 name it, with the change that later replaced them', () => {
    expect(replicationGuarantee(at('2.0', { acks: 'all' }), true)).toEqual({
      guaranteed: false,
      because:
        'model.truncation=kip-279 (the default before Kafka 2.8, KAFKA-10554; model.kafka.version=2.0), ' +
        'model.fencing=false (the default before Kafka 2.1, KIP-320; model.kafka.version=2.0)',
    });
  });

  it('2.1 adds fencing, and 2.8 truncates on the diverging epoch: both guarantee replication again (acks set)', () => {
    expect(replicationGuarantee(at('2.1', { acks: 'all' }), true)).toEqual({
      guaranteed: false,
      because: 'model.truncation=kip-279 (the default before Kafka 2.8, KAFKA-10554; model.kafka.version=2.1)',
    });
    expect(replicationGuarantee(at('2.8', { acks: 'all' }), true)).toEqual({ guaranteed: true });
  });

  it('acks=1 left to model.kafka.version=2.7 names the release; set explicitly, it does not', () => {
    expect(lostWrite.guaranteedWhen(at('2.8'))).toEqual({ guaranteed: false, because: 'acks=1 (the default before Kafka 3.0, KIP-679; model.kafka.version=2.8)' });
    expect(lostWrite.guaranteedWhen(at('2.8', { acks: 1 }))).toEqual({ guaranteed: false, because: 'acks=1' });
    expect(lostWrite.guaranteedWhen(at('3.0'))).toEqual({ guaranteed: true });
  });

  it('keys the user set are never credited to the release, whatever the version', () => {
    expect(replicationGuarantee(at('0.10', { acks: 'all', 'model.truncation': 'high-watermark', 'model.fencing': false }), true)).toEqual({
      guaranteed: false,
      because: 'model.truncation=high-watermark, model.fencing=false',
    });
  });

  it('power losses under 4.0 name ELR, off by default until 4.1; under 3.4 KIP-903 too, before 3.5', () => {
    const power = { acks: 'all', 'model.faults': 'power,isolate' };
    const lastReplicaStanding = '(a power loss on the last ISR member loses committed records and it is elected again: last replica standing, which KIP-966 Eligible Leader Replicas fixes)';
    expect(replicationGuarantee(at('4.0', power), true)).toEqual({
      guaranteed: false,
      because: `model.faults includes power with flush.messages unset and eligible.leader.replicas.version=0 (the default before Kafka 4.1, KIP-966; model.kafka.version=4.0) ${lastReplicaStanding}`,
    });
    expect(replicationGuarantee(at('3.4', power), true)).toEqual({
      guaranteed: false,
      because:
        `model.faults includes power with flush.messages unset and eligible.leader.replicas.version=0 (the default before Kafka 4.1, KIP-966; model.kafka.version=3.4) ${lastReplicaStanding}, ` +
        'model.faults includes power with flush.messages unset and model.isr.broker.epoch=false (the default before Kafka 3.5, KIP-903; model.kafka.version=3.4) ' +
        "(a replica that lost records in a power loss can be added back to the ISR on its previous process's fetch state: KAFKA-14139, which KIP-903 fixes)",
    });
    expect(replicationGuarantee(at('4.1', power), true)).toEqual({ guaranteed: true });
  });

  it('ELR turned on under 3.6 names the strict min ISR rule the release lacks (KAFKA-15583, 3.7)', () => {
    expect(replicationGuarantee(at('3.6', { acks: 'all', 'eligible.leader.replicas.version': 1 }), true)).toEqual({
      guaranteed: false,
      because:
        'model.strict.min.isr=false (the default before Kafka 3.7, KAFKA-15583; model.kafka.version=3.6) with eligible.leader.replicas.version=1 ' +
        '(the high watermark advances while the ISR is below min.insync.replicas, so an Eligible Leader Replica can lack committed records and still be elected)',
    });
    expect(replicationGuarantee(at('3.7', { acks: 'all', 'eligible.leader.replicas.version': 1 }), true)).toEqual({ guaranteed: true });
  });

  it('duplicate names idempotence left off by model.kafka.version=3.1 (KIP-679 in effect from KAFKA-13598)', () => {
    const config = resolveConfig({ 'model.kafka.version': '3.1', 'min.insync.replicas': 2 });
    expect(duplicate.guaranteedWhen(config)).toEqual({
      guaranteed: false,
      because: 'enable.idempotence=false (the default before Kafka 3.2, KIP-679 as fixed by KAFKA-13598; model.kafka.version=3.1) (retries may append twice)',
    });
    expect(duplicate.guaranteedWhen(resolveConfig({ 'model.kafka.version': '3.2', 'min.insync.replicas': 2 }))).toEqual({ guaranteed: true });
  });
});
