/** Delivery of one message to its receiver, and disconnect notices. */
import { assertNever } from '../kernel/assert.ts';
import { CONTROLLER, READER, brokerIdOf } from '../network/nodes.ts';
import type { Message } from '../network/types.ts';
import { handleMetadataResponse, handleProduceResponse, onProducerDisconnect } from '../clients/producer.ts';
import { handleReaderFetch, handleReaderMetadata, onReaderDisconnect } from '../clients/reader.ts';
import { brokerAt } from './access.ts';
import { applyMetadata } from './brokerMetadata.ts';
import { handleHeartbeatResponse, handleRegistrationResponse, onControllerDisconnectLifecycle } from './brokerLifecycle.ts';
import { handleAlterPartition, handleHeartbeat, handleRegistration } from './controller.ts';
import { handleEpochQueryResponse, handleFetchResponse, onLeaderDisconnect } from './follower.ts';
import { handleAlterPartitionResponse, onControllerDisconnect } from './alterPartition.ts';
import { maybeAdvanceHighWatermark } from './highWatermark.ts';
import { handleClientMetadata, handleConsumerFetch, handleEpochQuery, handleFetch, handleProduce } from './leader.ts';
import type { ClusterState } from './types.ts';

export function deliver(state: ClusterState, message: Message): void {
  const body = message.body;
  const to = message.to;
  if (to === CONTROLLER) {
    switch (body.type) {
      case 'BrokerRegistration': return handleRegistration(state, body);
      case 'BrokerHeartbeat': return handleHeartbeat(state, body);
      case 'AlterPartition': return handleAlterPartition(state, message.from, body);
      default: throw new Error(`controller cannot handle ${body.type}`);
    }
  }
  if (to === READER) {
    if (body.type === 'MetadataResponse') return handleReaderMetadata(state, body);
    if (body.type === 'ConsumerFetchResponse') return handleReaderFetch(state, message.from, body);
    throw new Error(`reader cannot handle ${body.type}`);
  }
  const brokerId = brokerIdOf(to);
  if (brokerId < 0) {
    if (body.type === 'ProduceResponse') return handleProduceResponse(state, to, body);
    if (body.type === 'MetadataResponse') return handleMetadataResponse(state, to, body);
    throw new Error(`producer cannot handle ${body.type}`);
  }
  switch (body.type) {
    case 'BrokerRegistrationResponse': return handleRegistrationResponse(state, brokerId, body);
    case 'BrokerHeartbeatResponse': return handleHeartbeatResponse(state, brokerId, body);
    case 'MetadataUpdate':
      // A process acts on metadata only once registered: before that the pushes it gets were
      // meant for its previous incarnation (KRaft brokers catch up after registering).
      if (brokerAt(state, brokerId).brokerEpoch === -1) return;
      return applyMetadata(state, brokerId, body.metadataOffset, body.partitions, body.brokers, body.topicConfig);
    case 'AlterPartitionResponse':
      if (handleAlterPartitionResponse(state, brokerId, body)) maybeAdvanceHighWatermark(state, brokerId, brokerAt(state, brokerId).replicas[body.partition]!);
      return;
    case 'Fetch': return handleFetch(state, brokerId, message.from, body);
    case 'FetchResponse': return handleFetchResponse(state, brokerId, body);
    case 'OffsetForLeaderEpoch': return handleEpochQuery(state, brokerId, message.from, body);
    case 'OffsetForLeaderEpochResponse': return handleEpochQueryResponse(state, brokerId, body);
    case 'Produce': return handleProduce(state, brokerId, message.from, body);
    case 'Metadata': return handleClientMetadata(state, brokerId, message.from, body);
    case 'ConsumerFetch': return handleConsumerFetch(state, brokerId, message.from, body);
    case 'BrokerRegistration':
    case 'BrokerHeartbeat':
    case 'AlterPartition':
    case 'ProduceResponse':
    case 'MetadataResponse':
    case 'ConsumerFetchResponse':
      throw new Error(`broker ${brokerId} cannot handle ${body.type}`);
    default:
      return assertNever(body, 'message');
  }
}

/** `node` learns that its connection to `peer` dropped (if it is alive to notice). */
export function notifyDisconnect(state: ClusterState, node: string, peer: string): void {
  if (node === CONTROLLER) return;
  if (node === READER) return onReaderDisconnect(state);
  const brokerId = brokerIdOf(node);
  if (brokerId < 0) return onProducerDisconnect(state, node, peer);
  const status = brokerAt(state, brokerId).status;
  if (status !== 'running' && status !== 'paused') return; // a paused process handles the notice when it wakes
  if (peer === CONTROLLER) {
    onControllerDisconnectLifecycle(state, brokerId);
    onControllerDisconnect(state, brokerId);
    return;
  }
  const peerBroker = brokerIdOf(peer);
  if (peerBroker > 0) onLeaderDisconnect(state, brokerId, peerBroker);
}
