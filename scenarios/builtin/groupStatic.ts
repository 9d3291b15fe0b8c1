/**
 * Static membership (KIP-345, group.instance.id; KAFKA.md, Consumer and groups): a static member
 * that restarts within its session keeps its member slot and its partitions without a rebalance,
 * and a second process with the same group.instance.id fences the first (FENCED_INSTANCE_ID).
 */
import type { Scenario } from '../scenario.ts';
import { GROUP_BASE } from './groupTiming.ts';

export const groupStaticMemberRestart: Scenario = {
  name: 'group-static-member-restart',
  title: 'A static member crashes and restarts within session.timeout.ms: no rebalance, it gets its partitions back',
  doc:
    'Three static members (group.instance.id instance-1..3, KIP-345) of one group share three partitions; members crash (kill -9) ' +
    'and restart. A static member sends no LeaveGroup, so while it is down its partitions wait for it. Restarted within ' +
    'session.timeout.ms, it joins with its group.instance.id and an empty member id: the coordinator replaces its old member id ' +
    'with a new one and, the group being Stable with an unchanged protocol, answers at once with the current generation; its ' +
    'SyncGroup returns its previous assignment, with no rebalance for anyone. Restarted later, its session has expired and it ' +
    'joins as a new member, which rebalances. Kafka promises either way: never two owners of a partition, no commit from a ' +
    'stale or fenced member, committed offsets never backwards, and a stable, complete assignment once crashes stop.',
  model: 'group',
  config: {
    ...GROUP_BASE,
    'num.partitions': 3,
    'model.consumers': 3,
    'model.group.records': 0,
    'partition.assignment.strategy': 'range',
    'model.group.instance.ids': 'per-consumer',
    'model.group.faults': 'crash',
    'model.faults.max': 2,
  },
  expect: 'hold',
  budget: { engine: 'random', runs: 400, stepsMax: 120 },
  seed: 'kmc-1',
};

export const groupStaticZombieFenced: Scenario = {
  name: 'group-static-zombie-fenced',
  title: 'A replacement process takes a running static member\'s group.instance.id: the old one processes until it is fenced',
  doc:
    'consumer-1 and consumer-2 are static members; consumer-3 is a replacement for consumer-1 (same group.instance.id, ' +
    'instance-1) that the operator starts while consumer-1 still runs. Its JoinGroup replaces consumer-1\'s member id; the ' +
    'group is Stable, so there is no rebalance and consumer-3 gets consumer-1\'s partitions at once. consumer-1 does not know: ' +
    'it keeps polling and processing them until its next heartbeat or commit is answered FENCED_INSTANCE_ID, a fatal error ' +
    '(FencedInstanceIdException) on which the application exits. Its commits are refused (generation-fenced holds), so no ' +
    'committed offset moves backwards and nothing is lost, but for a moment two processes own the same partitions: ' +
    'single-owner is broken, and what both process is processed twice.',
  model: 'group',
  config: {
    ...GROUP_BASE,
    'num.partitions': 2,
    'model.consumers': 3,
    'model.group.records': 6,
    'partition.assignment.strategy': 'range',
    'enable.auto.commit': false,
    'model.group.processing': 'process-then-commit',
    'model.group.instance.ids': 'replacement',
    'model.group.faults': 'none',
    'model.faults.max': 0,
  },
  expect: ['single-owner'],
  budget: { engine: 'random', runs: 300, stepsMax: 150 },
  seed: 'kmc-1',
};
