/**
 * Group membership under faults (KAFKA.md, Consumer and groups; reference/clients.md §4.4):
 * crashed members evicted by their session, and a paused member that wakes as a zombie.
 */
import type { Scenario } from '../scenario.ts';
import { GROUP_BASE } from './groupTiming.ts';

export const groupMemberCrash: Scenario = {
  name: 'group-member-crash',
  title: 'Members crash and restart: sessions expire, the group rebalances, one owner per partition',
  doc:
    'Three cooperative-sticky members of one group share three partitions; members crash (kill -9) and restart as new ' +
    'members. The coordinator evicts a dead member when its session.timeout.ms passes without a heartbeat and rebalances; ' +
    'cooperative members keep what they own and revoke only what moves, and cooperative-sticky withholds a moving partition ' +
    'for one round (KIP-429). Kafka promises: never two owners of a partition, no commit from a stale generation, committed ' +
    'offsets never backwards, and a stable, complete assignment once crashes stop. The partitions hold no records, so the ' +
    'processing models, whose crash costs are shown by group-auto-commit-loss and group-process-then-commit-duplicates, ' +
    'play no part.',
  model: 'group',
  config: {
    ...GROUP_BASE,
    'num.partitions': 3,
    'model.consumers': 3,
    'model.group.records': 0,
    'partition.assignment.strategy': 'cooperative-sticky',
    'model.group.faults': 'crash',
    'model.faults.max': 3,
  },
  expect: 'hold',
  budget: { engine: 'random', runs: 600, stepsMax: 120 },
  seed: 'kmc-1',
};

export const groupZombieMissedSync: Scenario = {
  name: 'group-zombie-missed-sync',
  title: 'A member paused past its session wakes as a zombie and processes a partition it no longer owns',
  doc:
    'A member is paused (SIGSTOP, a long GC) while a rebalance is under way, so it misses the SyncGroup and its session ' +
    'expires; the coordinator evicts it and hands its partitions to the other member. When it wakes it still believes it owns ' +
    'them and polls and processes them beside their new owner until its next heartbeat or commit is refused with ' +
    'UNKNOWN_MEMBER_ID; only then does it treat them as lost and rejoin without claiming them. The classic protocol fences ' +
    "the zombie's commits (generation-fenced holds) but not its processing, so single-owner is broken; its duplicate " +
    'processing is the at-least-once cost, and no record is lost.',
  model: 'group',
  config: {
    ...GROUP_BASE,
    'num.partitions': 2,
    'model.consumers': 2,
    'model.group.records': 4,
    'partition.assignment.strategy': 'cooperative-sticky',
    'enable.auto.commit': false,
    'model.group.processing': 'process-then-commit',
    'model.group.faults': 'pause',
    'model.faults.max': 1,
  },
  expect: ['single-owner'],
  budget: { engine: 'random', runs: 500, stepsMax: 120 },
  seed: 'kmc-17',
};
