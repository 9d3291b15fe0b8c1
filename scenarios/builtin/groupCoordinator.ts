/**
 * The group coordinator under faults: the leadership of a group's __consumer_offsets partition
 * moves (an admin failover, a broker crash), and groups coordinated by different brokers.
 *
 * Placement with the default offsets.topic.num.partitions=50: "group-1".hashCode = 293427299
 * → partition 49; "group-2".hashCode = 293427300 → partition 0 (Utils.abs(hashCode) % 50,
 * GroupMetadataManager.partitionFor). Replicas start at broker (p mod N) + 1, so on 3 brokers
 * group-1 is coordinated by broker 2 (replicas 2,3,1), and on 2 brokers group-1 by broker 2
 * and group-2 by broker 1.
 */
import type { Scenario } from '../scenario.ts';
import { GROUP_BASE } from './groupTiming.ts';

export const groupCoordinatorFailover: Scenario = {
  name: 'group-coordinator-failover',
  title: 'The coordinator fails over: groups reload from __consumer_offsets, nothing lost or duplicated',
  doc:
    'The leadership of the group\'s __consumer_offsets partition moves to another replica, which loads the group (generation, members, ' +
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
  title: 'Two groups on two coordinators read one topic independently, through dropped connections and failovers',
  doc:
    'Two consumer groups subscribe to the same topic. Each has its own generations, assignment and committed offsets ' +
    '(KAFKA.md: "Several groups on one topic are independent"), so each processes every record exactly once with ' +
    'synchronous commit-before-process, whatever the other does, while connections drop (requests are retried) and ' +
    'coordinators move. The groups map to different __consumer_offsets partitions (49 and 0) led by different ' +
    'brokers (2 and 1), so a failover moves one group\'s coordinator and not the other\'s.',
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

export const groupCoordinatorBrokerCrash: Scenario = {
  name: 'group-coordinator-broker-crash',
  title: 'The broker coordinating the group crashes: the group moves to the next replica, converges, nothing lost or duplicated',
  doc:
    'Brokers crash and restart (up to three crashes, all three brokers possibly down at once). When the broker leading ' +
    'the group\'s __consumer_offsets partition (broker 2 at first) crashes, the controller elects the next live replica ' +
    'in the ISR, which loads the group from the partition (acknowledged writes are on every ISR replica) and starts every ' +
    'session afresh; clients see their connection drop, mark the coordinator unknown and find the new one through any ' +
    'live broker. While no replica is up, FindCoordinator answers COORDINATOR_NOT_AVAILABLE and consumers retry after ' +
    'retry.backoff.ms, keeping their partitions. No member is slow or cut off, so no partition is ever owned twice, and ' +
    'with synchronous commit-before-process (a commit whose answer was lost is retried) every record is processed once.',
  model: 'group',
  // The failover scenario's cluster, group and processing, with broker crashes instead.
  config: { ...groupCoordinatorFailover.config, 'model.group.faults': 'broker-crash' },
  expect: 'hold',
  budget: { engine: 'random', runs: 500, stepsMax: 120 },
  seed: 'kmc-1',
};
