/** The initial state: every group Empty at the coordinator (broker 1), consumers starting up. */
import type { KmcConfig } from '../config.ts';
import { consumerNode, createConsumer, startConsumer } from '../clients/consumer.ts';
import { initialSubscription, initTopics } from './topics.ts';
import type { GroupModelState } from './types.ts';
import { createWire } from './wire.ts';

export function groupIdOf(index: number): string {
  return `group-${index}`;
}

export function initGroupModel(config: KmcConfig): GroupModelState {
  const groupCount = config['model.groups'];
  const perGroup = config['model.consumers'];
  const topics = initTopics(config);
  const partitionCount = topics.partitions.length;
  const groupIds = Array.from({ length: groupCount }, (_, i) => groupIdOf(i + 1));
  const state: GroupModelState = {
    config,
    nowMs: 0,
    stepCount: 0,
    wire: createWire(),
    timers: [],
    brokerCount: config['model.brokers'],
    partitionCount,
    topics,
    recordCount: config['model.group.records'],
    groupIds,
    coordinator: {
      broker: 1,
      epoch: 0,
      groups: groupIds.map((groupId) => ({ groupId, state: 'Empty', generation: 0, protocol: null, leader: null, members: [], initialDelayPending: false })),
    },
    store: {
      groups: groupIds.map((groupId) => ({ groupId, generation: 0, protocol: null, leader: null, members: [] })),
      committed: groupIds.map((groupId) => ({ groupId, offsets: Array.from({ length: partitionCount }, () => -1) })),
    },
    consumers: [],
    history: [],
    ghost: { commits: [], assignments: [], faultEndMs: 0, convergedMs: groupIds.map(() => -1), convergenceWorst: groupIds.map((group) => ({ group, waitedMs: 0, fromMs: 0, toMs: 0 })) },
    faultCounts: { total: 0 },
    memberIdNext: 1,
    finalRead: 'idle',
  };
  for (let g = 0; g < groupCount; g++) {
    for (let i = 0; i < perGroup; i++) state.consumers.push(createConsumer(g * perGroup + i + 1, groupIds[g], initialSubscription(config, i), partitionCount));
  }
  for (const consumer of state.consumers) startConsumer(state, consumer);
  return state;
}

export { consumerNode };
