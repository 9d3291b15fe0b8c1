/** The built-in scenarios, in the order `kmc check` runs them. */
import type { Scenario } from './scenario.ts';
import { acksAllMinIsr2 } from './builtin/acksAllMinIsr2.ts';
import { acksAllFiveBrokers, acksAllLargeBatches, acksAllShortDeliveryTimeout } from './builtin/durableAtScale.ts';
import { acks1LeaderCrash } from './builtin/acks1LeaderCrash.ts';
import { acksAllMinIsr1 } from './builtin/acksAllMinIsr1.ts';
import { uncleanLeaderElection } from './builtin/uncleanLeaderElection.ts';
import { lastReplicaStanding, lastReplicaStandingElr } from './builtin/lastReplicaStanding.ts';
import { elrBeforeStrictMinIsr } from './builtin/strictMinIsr.ts';
import { minIsrLoweredLive, minIsrRaisedLive, uncleanEnabledLive } from './builtin/dynamicConfig.ts';
import { hotKeySkew, partitionsAddedKeyed, roundRobinDoubleCall, roundRobinSingleCall } from './builtin/producerPartitioning.ts';
import { producerLostResponseDuplicate, producerRetriesIdempotent, producerRetriesReorder } from './builtin/producerRetries.ts';
import { divergingEpochHolds, divergingEpochNoFencing, truncationHighWatermark, truncationKip101, truncationKip279 } from './builtin/truncationRules.ts';
import { groupMemberCrash, groupMissedGeneration, groupZombieMissedSync } from './builtin/groupMembership.ts';
import { groupAutoCommitLoss, groupProcessThenCommitDuplicates } from './builtin/groupProcessing.ts';
import { groupCoordinatorBrokerCrash, groupCoordinatorFailover, groupTwoGroupsIndependent } from './builtin/groupCoordinator.ts';
import { groupRetentionOutrunsSlowConsumer } from './builtin/groupRetention.ts';
import { groupStaticMemberRestart, groupStaticZombieFenced } from './builtin/groupStatic.ts';
import { groupJoinLeaveStorm, groupKafkajsRoundRobinDifferingSubscriptions, groupPartitionsAdded, groupSubscriptionChange } from './builtin/groupTopics.ts';

export const BUILTIN_SCENARIOS: readonly Scenario[] = [
  acksAllMinIsr2,
  acksAllLargeBatches,
  acksAllFiveBrokers,
  acksAllShortDeliveryTimeout,
  acks1LeaderCrash,
  acksAllMinIsr1,
  uncleanLeaderElection,
  lastReplicaStanding,
  lastReplicaStandingElr,
  elrBeforeStrictMinIsr,
  minIsrLoweredLive,
  minIsrRaisedLive,
  uncleanEnabledLive,
  truncationHighWatermark,
  truncationKip101,
  truncationKip279,
  divergingEpochNoFencing,
  divergingEpochHolds,
  producerRetriesReorder,
  producerRetriesIdempotent,
  producerLostResponseDuplicate,
  partitionsAddedKeyed,
  hotKeySkew,
  roundRobinDoubleCall,
  roundRobinSingleCall,
  // The consumer-group model (model: 'group').
  groupMemberCrash,
  groupMissedGeneration,
  groupZombieMissedSync,
  groupAutoCommitLoss,
  groupProcessThenCommitDuplicates,
  groupCoordinatorFailover,
  groupTwoGroupsIndependent,
  groupCoordinatorBrokerCrash,
  groupRetentionOutrunsSlowConsumer,
  groupStaticMemberRestart,
  groupStaticZombieFenced,
  groupJoinLeaveStorm,
  groupSubscriptionChange,
  groupPartitionsAdded,
  groupKafkajsRoundRobinDifferingSubscriptions,
];
