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

/**
 * The KAFKA-13419 member state, in a release where a claim carries the generation of the last
 * assignment applied (3.0 to 3.3, model/clients/consumerRelease.ts): a member joins a generation,
 * the others complete it, and its SyncGroup is answered REBALANCE_IN_PROGRESS; it rejoins still
 * owning its partitions and claiming them with the older generation. Kafka's cooperative-sticky
 * (the claim rules of KAFKA-14639, 3.6) honours a claim no one of a newer generation makes; an
 * assignor that voids every claim below the highest generation (3.1-3.5) hands the partition on
 * at once.
 */
export const groupMissedGeneration: Scenario = {
  name: 'group-missed-generation',
  title: 'A member misses a generation and rejoins claiming its partitions with its old generation',
  doc:
    'Kafka 3.3: three cooperative-sticky members share three partitions while members crash and restart as new members. ' +
    'A member whose JoinGroup succeeded but whose SyncGroup came after the others completed the generation is answered ' +
    'REBALANCE_IN_PROGRESS (KAFKA-13419): it keeps its partitions and rejoins claiming them with the generation of its last ' +
    'assignment, older than the others\' (CooperativeStickyAssignor userData, KAFKA-12984). Kafka\'s cooperative-sticky ' +
    'honours such a claim when no member of a newer generation makes it (KAFKA-14639), so no partition is handed on before ' +
    'its owner revokes it.',
  model: 'group',
  // group-member-crash's group and faults, under 3.3's claims.
  config: { ...groupMemberCrash.config, 'model.kafka.version': '3.3' },
  expect: 'hold',
  budget: groupMemberCrash.budget,
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
  seed: 'kmc-1',
};
