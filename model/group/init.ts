/**
 * The initial state: every group Empty at its coordinator (the preferred leader of its
 * __consumer_offsets partition), every broker up, consumers starting up.
 */
import type { KmcConfig } from '../config.ts';
import { consumerNode, createConsumer, startConsumer } from '../clients/consumer.ts';
import { instanceIdOf, startsStopped } from './instanceIds.ts';
import type { Assignor } from '../assignors/types.ts';
import { initialSubscription, initTopics } from './topics.ts';
import type { GroupModelState } from './types.ts';
import { createWire } from './wire.ts';
import { createOffsetsTopic } from './offsetsTopic.ts';
import { startProduction } from './production.ts';

export function groupIdOf(index: number): string {
  return `group-${index}`;
}

/** `assignors`: plugins the run may name in partition.assignment.strategy (groupModelWith). */
export function initGroupModel(config: KmcConfig, assignors?: readonly Assignor[]): GroupModelState {
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
    brokersDown: [],
    offsetsTopic: createOffsetsTopic(config, groupIds),
    partitionCount,
    topics,
    recordCount: config['model.group.records'],
    logs: [],
    topicConfig: { 'retention.ms': config['retention.ms'], 'retention.bytes': config['retention.bytes'] },
    groupIds,
    coordinator: {
      groups: groupIds.map((groupId) => ({ groupId, state: 'Empty', generation: 0, protocol: null, leader: null, members: [], initialDelayPending: false, pendingMembers: [], pendingSyncMembers: [] })),
    },
    store: {
      groups: groupIds.map((groupId) => ({ groupId, generation: 0, protocol: null, leader: null, members: [] })),
      committed: groupIds.map((groupId) => ({ groupId, offsets: Array.from({ length: partitionCount }, () => -1) })),
    },
    consumers: [],
    history: [],
    ghost: { commits: [], assignments: [], faultEndMs: 0, convergedMs: groupIds.map(() => -1), convergenceWorst: groupIds.map((group) => ({ group, waitedMs: 0, fromMs: 0, toMs: 0 })), lag: [], lagRuns: [], alterations: [] },
    faultCounts: { total: 0 },
    memberIdNext: 1,
    finalRead: 'idle',
  };
  startProduction(state);
  for (let g = 0; g < groupCount; g++) {
    for (let i = 0; i < perGroup; i++) {
      const consumer = createConsumer(g * perGroup + i + 1, groupIds[g], initialSubscription(config, i), partitionCount, instanceIdOf(config, g * perGroup + 1, i));
      if (startsStopped(config, i)) {
        // Not started yet: its first `restart` event starts incarnation 0.
        consumer.status = 'crashed';
        consumer.incarnation = -1;
      }
      state.consumers.push(consumer);
    }
  }
  if (assignors !== undefined && assignors.length > 0) state.assignors = assignors;
  for (const consumer of state.consumers) if (consumer.status === 'running') startConsumer(state, consumer);
  return state;
}

export { consumerNode };
