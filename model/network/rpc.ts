/**
 * Every request and response the model sends, Kafka's API names. Error codes are Kafka's names.
 */
import type { ClusterTopicConfig } from '../dynamicConfig.ts';
export type KafkaError =
  | 'NONE'
  | 'NOT_LEADER_OR_FOLLOWER'
  | 'NOT_ENOUGH_REPLICAS'
  | 'NOT_ENOUGH_REPLICAS_AFTER_APPEND'
  | 'FENCED_LEADER_EPOCH'
  | 'UNKNOWN_LEADER_EPOCH'
  | 'OFFSET_OUT_OF_RANGE'
  | 'INVALID_UPDATE_VERSION'
  | 'INELIGIBLE_REPLICA'
  | 'STALE_BROKER_EPOCH'
  | 'REQUEST_TIMED_OUT'
  | 'NETWORK_EXCEPTION'
  | 'OUT_OF_ORDER_SEQUENCE_NUMBER'
  | 'DUPLICATE_SEQUENCE_NUMBER'
  | 'INVALID_PRODUCER_EPOCH';

export interface PartitionMetaWire {
  partition: number;
  replicas: number[];
  leader: number;
  leaderEpoch: number;
  isr: number[];
  partitionEpoch: number;
  elr: number[];
  lastKnownElr: number[];
}

/** A broker registration as the metadata carries it (RegisterBrokerRecord, BrokerRegistrationChangeRecord). */
export interface BrokerRegistrationWire {
  brokerId: number;
  brokerEpoch: number;
  fenced: boolean;
}

export interface WireRecord {
  offset: number;
  epoch: number;
  value: string;
  producerId: number;
  producerEpoch: number;
  sequence: number;
  batchStart?: boolean;
}

export type Rpc =
  // broker <-> controller (KRaft BrokerRegistration, BrokerHeartbeat, AlterPartition, metadata)
  // previousBrokerEpoch: KIP-966's PreviousBrokerEpoch, the epoch of the clean shutdown file (-1: none, an unclean shutdown).
  | { type: 'BrokerRegistration'; brokerId: number; incarnation: number; previousBrokerEpoch: number }
  | { type: 'BrokerRegistrationResponse'; brokerId: number; incarnation: number; brokerEpoch: number; metadataOffset: number; partitions: PartitionMetaWire[]; brokers: BrokerRegistrationWire[]; topicConfig: ClusterTopicConfig }
  | { type: 'BrokerHeartbeat'; brokerId: number; brokerEpoch: number; metadataOffset: number; wantShutDown: boolean }
  | { type: 'BrokerHeartbeatResponse'; brokerId: number; brokerEpoch: number; error: KafkaError; fenced: boolean; metadataOffset: number; partitions: PartitionMetaWire[] | null; brokers: BrokerRegistrationWire[] | null; topicConfig: ClusterTopicConfig | null }
  // The metadata image: partitions, broker registrations and the topic's dynamic configs (ConfigRecord).
  | { type: 'MetadataUpdate'; metadataOffset: number; partitions: PartitionMetaWire[]; brokers: BrokerRegistrationWire[]; topicConfig: ClusterTopicConfig }
  // proposalId: the leader's name for the ISR change (the future AlterPartitionManager completes); echoed back.
  // isrBrokerEpochs: per member of isr, its broker epoch (KIP-903 NewIsrWithEpochs; -1: not checked).
  | { type: 'AlterPartition'; proposalId: string; brokerId: number; brokerEpoch: number; partition: number; leaderEpoch: number; partitionEpoch: number; isr: number[]; isrBrokerEpochs: number[] }
  | { type: 'AlterPartitionResponse'; proposalId: string; partition: number; error: KafkaError; state: PartitionMetaWire }
  // broker <-> broker (replication)
  // replicaEpoch: the follower's broker epoch (KIP-903, Fetch v15 ReplicaState.ReplicaEpoch).
  | { type: 'Fetch'; fetchId: string; replicaId: number; replicaEpoch: number; partition: number; fetchOffset: number; lastFetchedEpoch: number; currentLeaderEpoch: number }
  | { type: 'FetchResponse'; fetchId: string; partition: number; error: KafkaError; leaderEpoch: number; highWatermark: number; logEndOffset: number; records: WireRecord[]; divergingEpoch: { epoch: number; endOffset: number } | null }
  | { type: 'OffsetForLeaderEpoch'; requestId: string; replicaId: number; partition: number; leaderEpoch: number; currentLeaderEpoch: number }
  | { type: 'OffsetForLeaderEpochResponse'; requestId: string; partition: number; error: KafkaError; leaderEpoch: number; endOffset: number }
  // client <-> broker
  | { type: 'Metadata'; requestId: string }
  | { type: 'MetadataResponse'; requestId: string; partitions: { partition: number; leader: number; leaderEpoch: number }[] }
  /** One record batch; producerId, producerEpoch and baseSequence are -1 when not idempotent (the v2 batch header). */
  | { type: 'Produce'; requestId: string; partition: number; acks: 0 | 1 | -1; producerId: number; producerEpoch: number; baseSequence: number; records: { value: string }[] }
  | { type: 'ProduceResponse'; requestId: string; partition: number; error: KafkaError; baseOffset: number }
  | { type: 'ConsumerFetch'; requestId: string; partition: number; fetchOffset: number }
  | { type: 'ConsumerFetchResponse'; requestId: string; partition: number; error: KafkaError; leaderEpoch: number; highWatermark: number; records: WireRecord[] };
