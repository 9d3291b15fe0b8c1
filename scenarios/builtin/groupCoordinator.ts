/**
 * The group coordinator under faults: failover to another broker, and groups that share it.
 */
import type { Scenario } from '../scenario.ts';
import { GROUP_BASE } from './groupTiming.ts';

export const groupCoordinatorFailover: Scenario = {
  name: 'group-coordinator-failover',
  title: 'The coordinator fails over: groups reload from __consumer_offsets, nothing lost or duplicated',
  doc:
    'The leadership of __consumer_offsets moves to another broker, which loads every group (generation, members, ' +
    'assignment) and its committed offsets from the log, and restarts every session; the old coordinator answers with ' +
    'NOT_COORDINATOR, and clients find the new one and carry on (a rebalance in progress restarts). Members commit each ' +
    'batch synchronously before processing it and retry a commit on NOT_COORDINATOR, so even at-most-once processing ' +
    'loses nothing here, and committed offsets never go backwards.',
  model: 'group',
  config: {
    ...GROUP_BASE,
    'model.brokers': 3,
    'num.partitions': 2,
    'model.consumers': 2,
    'model.group.records': 3,
    'enable.auto.commit': false,
    'model.group.processing': 'commit-before-process',
    'model.group.faults': 'failover',
    'model.faults.max': 3,
  },
  expect: 'hold',
  budget: { engine: 'random', runs: 500, stepsMax: 100 },
  seed: 'kmc-1',
};

export const groupTwoGroupsIndependent: Scenario = {
  name: 'group-two-groups-independent',
  title: 'Two groups read one topic independently, through dropped connections and a coordinator failover',
  doc:
    'Two consumer groups subscribe to the same topic. Each has its own generations, assignment and committed offsets ' +
    '(KAFKA.md: "Several groups on one topic are independent"), so each processes every record exactly once with ' +
    'synchronous commit-before-process, whatever the other does, while connections drop (requests are retried) and ' +
    'the coordinator moves.',
  model: 'group',
  config: {
    ...GROUP_BASE,
    'num.partitions': 2,
    'model.groups': 2,
    'model.consumers': 2,
    'model.group.records': 2,
    'enable.auto.commit': false,
    'model.group.processing': 'commit-before-process',
    'model.group.faults': 'drop,failover',
    'model.faults.max': 3,
  },
  expect: 'hold',
  budget: { engine: 'random', runs: 400, stepsMax: 100 },
  seed: 'kmc-1',
};
