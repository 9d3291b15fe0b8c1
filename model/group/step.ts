/** step(state, event): applies one event to the group model. Mutates the state. */
import { assert, assertNever } from '../kernel/assert.ts';
import { closeConsumer, consumerAt, consumerProgress, crashConsumer, handleConsumerResponse, onConsumerDisconnect, onConsumerTimer, pollConsumer, processConsumer, restartConsumer, startClosedConsumer, subscribeConsumer } from '../clients/consumer.ts';
import { createPartition } from './topics.ts';
import { GROUP_LIMITS } from './limits.ts';
import { brokerNode, handleBrokerRequest, onCoordinatorTimer } from './coordinator.ts';
import { crashBroker, failOverOffsetsPartition, refuseConnection, restartBroker } from './brokerFaults.ts';
import { coordinatorOf, isBrokerUp } from './offsetsTopic.ts';
import type { GroupEvent } from './events.ts';
import { quiescentStable } from './settled.ts';
import { takeGroupTimer } from './timers.ts';
import { onProduceTimer, onRetentionTimer, sampleLag } from './production.ts';
import type { GroupModelState } from './types.ts';
import { cutLink, dropBetween, healWire, peersOnWire, takeFromWire } from './wire.ts';

function countFault(state: GroupModelState, kind: string): void {
  state.faultCounts.total = (state.faultCounts.total ?? 0) + 1;
  state.faultCounts[kind] = (state.faultCounts[kind] ?? 0) + 1;
}

function brokerIdOf(node: string): number {
  return node.startsWith('broker-') ? Number(node.slice('broker-'.length)) : -1;
}

/** Loses everything in flight to and from a consumer (its process died or restarted). */
function dropConsumerConnections(state: GroupModelState, clientId: string): void {
  for (const peer of peersOnWire(state.wire, clientId)) dropBetween(state.wire, clientId, peer);
}

function applyEvent(state: GroupModelState, event: GroupEvent): void {
  switch (event.type) {
    case 'deliver': {
      const message = takeFromWire(state.wire, event.from, event.to, event.id);
      const brokerId = brokerIdOf(message.to);
      if (brokerId > 0 && !isBrokerUp(state, brokerId)) refuseConnection(state, message.from, brokerId);
      else if (brokerId > 0) handleBrokerRequest(state, brokerId, message.from, message.body);
      else if (consumerAt(state, message.to).status !== 'closed') handleConsumerResponse(state, consumerAt(state, message.to), message.body);
      return;
    }
    case 'timer': {
      const timer = takeGroupTimer(state, event.id);
      if (timer.dueMs > state.nowMs) state.nowMs = timer.dueMs;
      switch (timer.kind) {
        case 'heartbeat':
        case 'auto-commit':
        case 'coordinator-lookup':
        case 'metadata':
          return onConsumerTimer(state, consumerAt(state, timer.node), timer.kind);
        case 'session':
        case 'rebalance':
        case 'initial-rebalance':
        case 'pending-sync':
          assert(brokerIdOf(timer.node) === coordinatorOf(state, timer.target.split('/')[0]), `coordinator timer ${timer.id} outlived its coordinator`);
          return onCoordinatorTimer(state, timer.kind, timer.target);
        case 'produce':
          return onProduceTimer(state);
        case 'log-retention':
          onRetentionTimer(state);
          return;
        default:
          return assertNever(timer.kind, 'timer kind');
      }
    }
    case 'poll':
      return pollConsumer(state, consumerAt(state, event.consumer));
    case 'process':
      return processConsumer(state, consumerAt(state, event.consumer));
    case 'crash': {
      countFault(state, 'crash');
      const consumer = consumerAt(state, event.consumer);
      crashConsumer(state, consumer);
      dropConsumerConnections(state, consumer.clientId);
      return;
    }
    case 'restart': {
      const consumer = consumerAt(state, event.consumer);
      dropConsumerConnections(state, consumer.clientId);
      restartConsumer(state, consumer);
      return;
    }
    case 'pause': {
      countFault(state, 'pause');
      const consumer = consumerAt(state, event.consumer);
      assert(consumer.status === 'running', `${consumer.clientId} is ${consumer.status}, not running`);
      consumer.status = 'paused';
      return;
    }
    case 'resume': {
      const consumer = consumerAt(state, event.consumer);
      assert(consumer.status === 'paused', `${consumer.clientId} is not paused`);
      consumer.status = 'running';
      consumerProgress(state, consumer);
      return;
    }
    case 'isolate': {
      countFault(state, 'isolate');
      for (let broker = 1; broker <= state.brokerCount; broker++) {
        cutLink(state.wire, event.consumer, brokerNode(broker));
        cutLink(state.wire, brokerNode(broker), event.consumer);
      }
      return;
    }
    case 'heal':
      healWire(state.wire);
      return;
    case 'drop': {
      countFault(state, 'drop');
      dropBetween(state.wire, event.a, event.b);
      for (const [node, peer] of [[event.a, event.b], [event.b, event.a]]) {
        if (brokerIdOf(node) < 0) onConsumerDisconnect(state, consumerAt(state, node), peer);
      }
      return;
    }
    case 'close':
      state.topics.closes++;
      return closeConsumer(state, consumerAt(state, event.consumer));
    case 'start':
      return startClosedConsumer(state, consumerAt(state, event.consumer));
    case 'subscribe':
      state.topics.subscriptionChanges++;
      return subscribeConsumer(state, consumerAt(state, event.consumer), event.topics);
    case 'create-partitions':
      return createPartition(state, event.topic);
    case 'failover':
      countFault(state, 'failover');
      failOverOffsetsPartition(state, event.partition, event.broker);
      return;
    case 'broker-crash':
      countFault(state, 'broker-crash');
      crashBroker(state, event.broker);
      return;
    case 'broker-restart':
      restartBroker(state, event.broker);
      return;
    case 'alter-config': {
      // The topics' broker applies it at its next retention check; the group model has no
      // metadata propagation for its topics, so the change is in force at once.
      countFault(state, 'alter-config');
      const previous = state.topicConfig[event.key];
      assert(previous !== event.value, `alter-config ${event.key}=${event.value}: already in force`);
      state.topicConfig[event.key] = event.value;
      state.ghost.alterations.push({ timeMs: state.nowMs, key: event.key, value: event.value, previous });
      return;
    }
    case 'final-read': {
      assert(state.finalRead === 'idle', 'the final read already ran');
      for (const entry of state.store.committed) state.history.push({ type: 'final-offsets', group: entry.groupId, offsets: entry.offsets.slice(), timeMs: state.nowMs });
      for (const entry of state.store.committed) for (let p = 0; p < entry.offsets.length; p++) sampleLag(state, entry.groupId, p, 'final-read');
      state.finalRead = 'done';
      return;
    }
    default:
      return assertNever(event, 'event');
  }
}

/** Membership and metadata changes of the workload restart the convergence clock as a fault's end does. */
function isWorkloadChange(event: GroupEvent): boolean {
  return event.type === 'close' || event.type === 'start' || event.type === 'subscribe' || event.type === 'create-partitions';
}

/** Ghost: when each group converged after the last fault (rebalance-converges). */
function trackConvergence(state: GroupModelState, event: GroupEvent): void {
  const ghost = state.ghost;
  const faultRelated = event.type === 'crash' || event.type === 'pause' || event.type === 'isolate' || event.type === 'drop' || event.type === 'failover' || event.type === 'broker-crash' || event.type === 'broker-restart' || event.type === 'restart' || event.type === 'resume' || event.type === 'heal' || isWorkloadChange(event);
  if (faultRelated) {
    ghost.faultEndMs = state.nowMs;
    for (let g = 0; g < ghost.convergedMs.length; g++) ghost.convergedMs[g] = -1;
  }
  for (let g = 0; g < state.groupIds.length; g++) {
    if (ghost.convergedMs[g] !== -1 || !quiescentStable(state, state.groupIds[g])) continue;
    ghost.convergedMs[g] = state.nowMs;
    const waitedMs = state.nowMs - ghost.faultEndMs;
    if (waitedMs > ghost.convergenceWorst[g].waitedMs) ghost.convergenceWorst[g] = { group: state.groupIds[g], waitedMs, fromMs: ghost.faultEndMs, toMs: state.nowMs };
  }
}

/** Ghost: the lag of every partition an accepted commit of this step covered. */
function sampleLagAtCommits(state: GroupModelState): void {
  const commits = state.ghost.commits;
  for (let i = commits.length - 1; i >= 0 && commits[i].step === state.stepCount; i--) {
    for (const o of commits[i].offsets) sampleLag(state, commits[i].group, o.partition, 'commit');
  }
}

export function stepGroupModel(state: GroupModelState, event: GroupEvent): void {
  state.stepCount++;
  applyEvent(state, event);
  sampleLagAtCommits(state);
  trackConvergence(state, event);
  assert(state.history.length <= GROUP_LIMITS.historyOpsMax, `history exceeds ${GROUP_LIMITS.historyOpsMax} operations`);
}
