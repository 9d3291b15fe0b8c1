/**
 * Processing models under consumer crashes (KAFKA.md: "Commit-before-process is at-most-once;
 * process-then-commit is at-least-once").
 */
import type { Scenario } from '../scenario.ts';
import { GROUP_BASE } from './groupTiming.ts';

const CRASHES = {
  ...GROUP_BASE,
  'num.partitions': 2,
  'model.consumers': 2,
  'model.group.records': 4,
  'model.group.faults': 'crash',
  'model.faults.max': 1,
} as const;

export const groupAutoCommitLoss: Scenario = {
  name: 'group-auto-commit-loss',
  title: 'Auto-commit before processing, then a crash: committed records never processed',
  doc:
    'The application hands polled records to a worker and keeps polling; enable.auto.commit commits the positions poll ' +
    'returned every auto.commit.interval.ms, whether or not the worker has processed them. A crash between that commit and ' +
    'the processing loses the records: the next owner starts at the committed offset (at-most-once).',
  model: 'group',
  config: { ...CRASHES, 'enable.auto.commit': true, 'model.group.processing': 'commit-before-process' },
  expect: ['lost-processing'],
  budget: { engine: 'random', runs: 1000, stepsMax: 80 },
  seed: 'kmc-1',
};

export const groupProcessThenCommitDuplicates: Scenario = {
  name: 'group-process-then-commit-duplicates',
  title: 'Process, then commitSync, then a crash: records processed twice, none lost',
  doc:
    'The application processes each batch and then commits it synchronously. A crash after processing and before the ' +
    'commit lands leaves the committed offset behind, and whoever takes the partition over processes those records ' +
    'again: duplicates, never losses (at-least-once).',
  model: 'group',
  config: { ...CRASHES, 'enable.auto.commit': false, 'model.group.processing': 'process-then-commit' },
  expect: ['duplicate-processing'],
  budget: { engine: 'random', runs: 1000, stepsMax: 80 },
  seed: 'kmc-1',
};
