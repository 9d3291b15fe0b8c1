/** step(state, event): applies one event. Mutates the state. */
import { assert, assertNever } from '../kernel/assert.ts';
import { dropConnection, healAll, blockLink, peersOf, takeHead } from '../network/network.ts';
import { CONTROLLER, READER, brokerIdOf, brokerNode } from '../network/nodes.ts';
import { onMetadataMaxAge, onProducerTimer, onRequestTimeout, sendNext } from '../clients/producer.ts';
import { onReaderTimer, startFinalRead } from '../clients/reader.ts';
import { brokerAt } from './access.ts';
import { crashBroker, flushBroker, onHeartbeatTimer, restartBroker, shutdownBroker } from './brokerLifecycle.ts';
import { addPartition, electLeader, handleSessionExpiry } from './controller.ts';
import { deliver, notifyDisconnect } from './deliver.ts';
import type { ClusterEvent } from './events.ts';
import { onFetchBackoff } from './follower.ts';
import { expireIsr } from './leader.ts';
import { onAlterPartitionRetry } from './alterPartition.ts';
import { alterTopicConfig, onUncleanElectionCheck } from './alterConfig.ts';
import { setTimer, takeTimer } from './timers.ts';
import type { ClusterState, Timer } from './types.ts';
import { touchAll } from './touched.ts';

function countFault(state: ClusterState, kind: string): void {
  state.faultCounts.total = (state.faultCounts.total ?? 0) + 1;
  state.faultCounts[kind] = (state.faultCounts[kind] ?? 0) + 1;
}

/** Drops every connection of `node`, notifying the peers that are alive. */
function dropAllConnections(state: ClusterState, node: string): void {
  for (const peer of peersOf(state.network, node)) {
    dropConnection(state.network, node, peer);
    notifyDisconnect(state, peer, node);
  }
}

function fireTimer(state: ClusterState, timer: Timer): void {
  switch (timer.kind) {
    case 'broker-heartbeat': return onHeartbeatTimer(state, Number(timer.target));
    case 'broker-session': return handleSessionExpiry(state, Number(timer.target));
    case 'isr-expiration': {
      const brokerId = Number(timer.target);
      expireIsr(state, brokerId);
      setTimer(state, 'isr-expiration', brokerNode(brokerId), timer.target, Math.max(1, Math.floor(state.config['replica.lag.time.max.ms'] / 2)));
      return;
    }
    case 'replica-fetch-backoff': return onFetchBackoff(state, brokerIdOf(timer.node), Number(timer.target));
    case 'alter-partition-retry': return onAlterPartitionRetry(state, brokerIdOf(timer.node), Number(timer.target));
    case 'unclean-election-check': return onUncleanElectionCheck(state);
    case 'producer-request-timeout': return onRequestTimeout(state, timer.node, timer.target);
    case 'producer-retry-backoff':
    case 'producer-delivery-timeout':
    case 'producer-linger':
      return onProducerTimer(state, timer.node);
    case 'client-metadata-refresh':
      return onMetadataMaxAge(state, timer.node);
    case 'client-metadata-backoff': return timer.node === READER ? onReaderTimer(state) : onProducerTimer(state, timer.node);
    default: return assertNever(timer.kind, 'timer kind');
  }
}

export function stepCluster(state: ClusterState, event: ClusterEvent): void {
  state.stepCount++;
  switch (event.type) {
    case 'deliver': {
      const message = takeHead(state.network, event.from, event.to, event.id);
      deliver(state, message);
      return;
    }
    case 'timer': {
      const timer = takeTimer(state, event.id);
      assert(timer.dueMs >= 0, 'timer due time negative');
      if (timer.dueMs > state.nowMs) state.nowMs = timer.dueMs;
      fireTimer(state, timer);
      return;
    }
    case 'send':
      return sendNext(state, event.producer);
    case 'crash': {
      countFault(state, event.kind);
      crashBroker(state, event.broker, event.kind);
      dropAllConnections(state, brokerNode(event.broker));
      return;
    }
    case 'restart': {
      const broker = brokerAt(state, event.broker);
      assert(broker.status === 'crashed' || broker.status === 'stopped', () => `broker ${event.broker} is ${broker.status}, not down`);
      // Whatever waited on the old process's connections is gone with it.
      dropAllConnections(state, brokerNode(event.broker));
      restartBroker(state, event.broker);
      return;
    }
    case 'pause': {
      countFault(state, 'pause');
      brokerAt(state, event.broker).status = 'paused';
      touchAll(state);
      return;
    }
    case 'resume': {
      const broker = brokerAt(state, event.broker);
      assert(broker.status === 'paused', () => `broker ${event.broker} is not paused`);
      broker.status = 'running';
      touchAll(state);
      return;
    }
    case 'shutdown': {
      countFault(state, 'shutdown');
      shutdownBroker(state, event.broker);
      return;
    }
    case 'partition': {
      countFault(state, event.oneWay ? 'one-way' : event.a.length > 1 ? 'split' : event.b.length > 1 ? 'isolate' : 'link');
      for (const a of event.a) {
        for (const b of event.b) {
          blockLink(state.network, a, b);
          if (!event.oneWay) blockLink(state.network, b, a);
        }
      }
      return;
    }
    case 'heal':
      healAll(state.network);
      return;
    case 'drop': {
      countFault(state, 'drop');
      dropConnection(state.network, event.a, event.b);
      notifyDisconnect(state, event.a, event.b);
      notifyDisconnect(state, event.b, event.a);
      return;
    }
    case 'add-partition': {
      countFault(state, 'add-partition');
      addPartition(state);
      return;
    }
    case 'alter-config': {
      countFault(state, 'alter-config');
      alterTopicConfig(state, event.key, event.value);
      return;
    }
    case 'elect': {
      countFault(state, 'elect');
      electLeader(state, event.partition, event.broker);
      return;
    }
    case 'flush':
      flushBroker(state, event.broker);
      return;
    case 'final-read':
      startFinalRead(state);
      return;
    default:
      return assertNever(event, 'event');
  }
}

export { CONTROLLER };
