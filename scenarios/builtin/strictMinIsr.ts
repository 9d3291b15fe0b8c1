import type { Scenario } from '../scenario.ts';
import { DURABLE_ONE_PARTITION } from './durable.ts';

/** What the strict min ISR rule (KAFKA-15583, 3.7) does for Eligible Leader Replicas. */
export const elrBeforeStrictMinIsr: Scenario = {
  name: 'elr-before-strict-min-isr',
  title: 'Kafka 3.6 rules with Eligible Leader Replicas: the high watermark moves below min ISR and an ELR member lacks committed records',
  doc:
    'Before KAFKA-15583 (3.7) the leader advances the high watermark over whatever ISR it has, one broker included, ' +
    'below min.insync.replicas: records only the leader holds become committed and visible to consumers (the acks=all ' +
    'producer gets NOT_ENOUGH_REPLICAS_AFTER_APPEND for them). Without ELR that is safe from clean elections: only an ISR ' +
    'member, which holds them, can be elected. With eligible.leader.replicas.version=1 (KIP-966) a replica that left the ' +
    'ISR below min ISR stays electable, so it must hold everything committed, which only the strict rule guarantees: ' +
    'here it does not, and strong-isr (over ISR and ELR) breaks without any crash. From 3.7 the same config holds ' +
    '(kmc check --scenario elr-before-strict-min-isr --set model.kafka.version=3.7).',
  config: {
    ...DURABLE_ONE_PARTITION,
    'model.kafka.version': '3.6',
    'eligible.leader.replicas.version': 1,
    'model.records': 6,
    'model.faults': 'isolate,link',
    'model.faults.max': 5,
  },
  expect: ['strong-isr'],
  budget: { engine: 'random', runs: 3000, stepsMax: 250 },
  seed: 'kmc-1',
};
