/**
 * The workload's membership and admin events, offered by enabled() like any event and chosen by
 * the engines: a consumer closes (model.group.churn.max), changes its subscription
 * (model.group.subscription.changes.max), or an admin adds a partition to a topic
 * (model.group.partitions.added.max). They are not faults: Kafka promises every group property
 * under them. A closed consumer's `start` is offered with the recovery events (enabled.ts).
 */
import { canClose, inPoll } from '../clients/consumer.ts';
import type { ConsumerState } from '../clients/consumerTypes.ts';
import type { GroupEvent } from './events.ts';
import { GROUP_LIMITS } from './limits.ts';
import type { GroupModelState } from './types.ts';

/** Every non-empty set of topics, in a fixed order (by bit mask over the topic list). */
function topicSets(names: readonly string[]): string[][] {
  const sets: string[][] = [];
  for (let mask = 1; mask < 1 << names.length; mask++) sets.push(names.filter((_, i) => (mask & (1 << i)) !== 0));
  return sets;
}

/** subscribe() is called from the application thread, between polls, by a member not mid-rebalance. */
function canResubscribe(state: GroupModelState, c: ConsumerState): boolean {
  return c.status === 'running' && c.joinState === 'stable' && c.pendingAssignment === null && !c.rejoinNeeded && c.generation >= 0 && inPoll(state, c);
}

export function pushWorkloadEvents(state: GroupModelState, events: GroupEvent[]): void {
  const config = state.config;
  const topics = state.topics;
  if (topics.closes < config['model.group.churn.max']) {
    for (const c of state.consumers) if (canClose(state, c)) events.push({ type: 'close', consumer: c.clientId });
  }
  if (topics.subscriptionChanges < config['model.group.subscription.changes.max'] && topics.names.length > 1) {
    const sets = topicSets(topics.names);
    for (const c of state.consumers) {
      if (!canResubscribe(state, c)) continue;
      const current = c.subscription.join(',');
      for (const set of sets) if (set.join(',') !== current) events.push({ type: 'subscribe', consumer: c.clientId, topics: set });
    }
  }
  if (topics.partitionsAdded < config['model.group.partitions.added.max'] && topics.partitions.length < GROUP_LIMITS.partitionsMax) {
    for (const topic of topics.names) events.push({ type: 'create-partitions', topic });
  }
}
