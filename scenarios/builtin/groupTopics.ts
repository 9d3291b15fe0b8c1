/**
 * Group membership and metadata changing under a consuming group, with no fault at all (issue 4
 * item 6): members closing and starting again, members changing their subscriptions among two
 * topics, and partitions added while the group consumes. Kafka promises every group property
 * under these; the members commit each batch synchronously before processing it
 * (commit-before-process with commitSync), which never processes a record twice, and without a
 * crash never loses one either.
 */
import type { Scenario } from '../scenario.ts';
import { GROUP_BASE } from './groupTiming.ts';

/** Synchronous commit-before-process: no duplicates by construction, no loss without crashes. */
const COMMIT_SYNC_BEFORE_PROCESS = {
  'enable.auto.commit': false,
  'model.group.processing': 'commit-before-process',
  'model.group.faults': 'none',
  'model.faults.max': 0,
} as const;

/** Three members, two topics of two partitions: one subscribes to the first, one to the second, one to both. */
const DIFFERING_SUBSCRIPTIONS = {
  'num.partitions': 2,
  'model.consumers': 3,
  'model.group.topics': 2,
  'model.group.subscriptions': '1;2;1,2',
} as const;

export const groupJoinLeaveStorm: Scenario = {
  name: 'group-join-leave-storm',
  title: 'Members close and start again repeatedly: every join and leave rebalances, one owner per partition',
  doc:
    'Three members of an eager (range) group share three partitions; members call close() (their last commit done, a ' +
    'LeaveGroup sent, the process ends) and start again as new members, again and again. Each LeaveGroup and each new ' +
    'JoinGroup starts a rebalance at once, without waiting for a session to expire, and eager members revoke everything ' +
    'before rejoining. Kafka promises: never two owners of a partition, valid and complete assignments once stable, no ' +
    'commit from a stale generation, committed offsets never backwards, every record processed once, and a stable group ' +
    'once the storm stops.',
  model: 'group',
  config: {
    ...GROUP_BASE,
    ...COMMIT_SYNC_BEFORE_PROCESS,
    'num.partitions': 3,
    'model.consumers': 3,
    'model.group.records': 3,
    'partition.assignment.strategy': 'range',
    'model.group.churn.max': 6,
  },
  expect: 'hold',
  budget: { engine: 'random', runs: 200, stepsMax: 150 },
  seed: 'kmc-1',
};

export const groupSubscriptionChange: Scenario = {
  name: 'group-subscription-change',
  title: 'Members switch subscriptions between two topics: each rejoins, and assignments follow the subscriptions',
  doc:
    'Three cooperative-sticky members read two topics: one subscribes to the first, one to the second, one to both; ' +
    'members then call subscribe() with another set of topics. The next poll() rejoins (ConsumerCoordinator: the ' +
    'subscription differs from the one it joined with), after revoking the partitions of topics it dropped ' +
    '(onJoinPrepare); the leader assigns each topic only to its subscribers. Kafka promises valid assignments (only ' +
    'partitions of subscribed topics), complete ones once stable, one owner per partition, and every record of a ' +
    'subscribed topic processed once.',
  model: 'group',
  config: {
    ...GROUP_BASE,
    ...COMMIT_SYNC_BEFORE_PROCESS,
    ...DIFFERING_SUBSCRIPTIONS,
    'model.group.records': 2,
    'partition.assignment.strategy': 'cooperative-sticky',
    'model.group.subscription.changes.max': 4,
  },
  expect: 'hold',
  budget: { engine: 'random', runs: 200, stepsMax: 150 },
  seed: 'kmc-1',
};

export const groupPartitionsAdded: Scenario = {
  name: 'group-partitions-added',
  title: 'Partitions are added while the group consumes: the leader notices at its metadata refresh, and every new partition is owned and consumed',
  doc:
    'Two cooperative-sticky members read two topics while an admin adds partitions (CreatePartitions). Consumers learn of ' +
    'them only when their metadata is refreshed (metadata.max.age.ms); the group leader then sees more partitions of a ' +
    'subscribed topic than it assigned (ConsumerCoordinator: assignmentSnapshot vs metadataSnapshot) and rejoins, and the ' +
    'new assignment gives every new partition an owner, which starts it from its beginning (auto.offset.reset=earliest). ' +
    'Kafka promises valid assignments, one owner per partition, and every record of every partition, old or new, processed ' +
    'once; the run settles only when every new partition is consumed to its end.',
  model: 'group',
  config: {
    ...GROUP_BASE,
    ...COMMIT_SYNC_BEFORE_PROCESS,
    'num.partitions': 1,
    'model.consumers': 2,
    'model.group.records': 2,
    'model.group.topics': 2,
    'partition.assignment.strategy': 'cooperative-sticky',
    'model.group.partitions.added.max': 3,
    'metadata.max.age.ms': 2000,
  },
  expect: 'hold',
  budget: { engine: 'random', runs: 200, stepsMax: 150 },
  seed: 'kmc-1',
};

export const groupKafkajsRoundRobinDifferingSubscriptions: Scenario = {
  name: 'group-kafkajs-roundrobin-differing-subscriptions',
  title: "KafkaJS's RoundRobinAssigner with differing subscriptions hands a member a topic it does not subscribe to",
  doc:
    'Three members read two topics with differing subscriptions (the first, the second, both) and assign with KafkaJS\'s ' +
    'RoundRobinAssigner, which deals every partition of every subscribed topic round-robin over all members whatever ' +
    'each subscribes to (KafkaJS then drops the foreign partitions and warns RECEIVED_UNSUBSCRIBED_TOPICS). The first ' +
    'SyncGroup already breaks assignment-valid. The modelled members are Java consumers, which refuse an assignment naming ' +
    'a topic they do not subscribe to and rejoin (checkAssignmentMatchedSubscription); the assignor deals the same again, ' +
    'so the group rebalances for ever (did-not-settle, not promised here). Java\'s roundrobin assignor deals each topic ' +
    'only to its subscribers.',
  model: 'group',
  config: {
    ...GROUP_BASE,
    ...COMMIT_SYNC_BEFORE_PROCESS,
    ...DIFFERING_SUBSCRIPTIONS,
    'model.group.records': 1,
    'partition.assignment.strategy': 'kafkajs-roundrobin',
  },
  expect: ['assignment-valid'],
  budget: { engine: 'random', runs: 20, stepsMax: 60 },
  seed: 'kmc-1',
};
