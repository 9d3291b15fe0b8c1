/**
 * Retention against a slow consumer (KAFKA.md, Consumer and groups; issue 4): records are
 * deleted by age and size, whether or not a group has read them.
 */
import type { Scenario } from '../scenario.ts';
import { GROUP_BASE } from './groupTiming.ts';

export const groupRetentionOutrunsSlowConsumer: Scenario = {
  name: 'group-retention-outruns-slow-consumer',
  title: 'Retention deletes records a slow consumer has not read: it resets to the log start and skips them',
  doc:
    'A producer appends a record every 500 ms; the topic keeps records 2 s (retention.ms=2000) in segments of two records ' +
    '(segment.bytes=200, 100-byte records), checked every 500 ms. The only member of the group falls behind (it polls ' +
    'late, or is paused by SIGSTOP) while the broker deletes whole segments it has not read. When it fetches again at its old position, below the ' +
    'new log start offset, the broker answers OFFSET_OUT_OF_RANGE and auto.offset.reset=earliest moves the position to ' +
    'the log start. If it still believes it owns the partition (a zombie that has not yet heard UNKNOWN_MEMBER_ID), its next ' +
    'poll starts past offsets it never read: poll-skip. Whether it resets there or after rejoining from its committed offset, ' +
    'it then commits past the deleted records, which nobody processed: lost-processing. Kafka deletes by age and size only ' +
    '(UnifiedLog.deleteRetentionMsBreachedSegments), so neither is a broken promise once retention can outrun a consumer.',
  model: 'group',
  config: {
    ...GROUP_BASE,
    'num.partitions': 1,
    'model.consumers': 1,
    'model.group.records': 12,
    'model.group.produce.interval.ms': 500,
    'retention.ms': 2000,
    'segment.bytes': 200,
    'log.retention.check.interval.ms': 500,
    'enable.auto.commit': false,
    'model.group.processing': 'process-then-commit',
    'model.group.faults': 'pause',
    'model.faults.max': 1,
  },
  expect: ['poll-skip', 'lost-processing'],
  budget: { engine: 'random', runs: 300, stepsMax: 200 },
  seed: 'kmc-1',
};
