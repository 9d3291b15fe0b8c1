import type { ClusterDynamicKey } from './alterConfig.ts';
/**
 * Events of the cluster model: plain JSON data naming what they touch by stable ids.
 * Node ids: "controller", "broker-<id>", "producer-<n>", "reader".
 */
export type CrashKind =
  /** SIGKILL: the process dies; what it wrote is in the OS page cache and survives. */
  | 'kill'
  /** Power loss: the unflushed tail of every log is lost. */
  | 'power';

export type ClusterEvent =
  /** Deliver the oldest in-flight message of the connection from -> to. */
  | { type: 'deliver'; from: string; to: string; id: string }
  /** Fire a due timer; virtual time advances to its due time. */
  | { type: 'timer'; id: string }
  /** The workload: a producer sends its next record (KafkaProducer.send). */
  | { type: 'send'; producer: string }
  | { type: 'crash'; broker: number; kind: CrashKind }
  | { type: 'restart'; broker: number }
  /** Pause the broker process (SIGSTOP): it keeps its state and wakes later as a zombie. */
  | { type: 'pause'; broker: number }
  | { type: 'resume'; broker: number }
  /** Clean shutdown: flush, ask the controller to move leadership, stop. */
  | { type: 'shutdown'; broker: number }
  /** Cut the links between node sets a and b (both ways, or only a -> b). */
  | { type: 'partition'; a: string[]; b: string[]; oneWay: boolean }
  /** Heal every cut link. */
  | { type: 'heal' }
  /** Drop the TCP connection between two nodes: in-flight messages both ways are lost. */
  | { type: 'drop'; a: string; b: string }
  /** Admin adds a partition to the topic (kafka-topics --alter --partitions). */
  | { type: 'add-partition' }
  /** Admin changes a dynamic topic config (kafka-configs --alter), from model.alter.configs. */
  | { type: 'alter-config'; key: ClusterDynamicKey; value: number | boolean }
  /** Admin leader election (kafka-leader-election) of a live ISR member. */
  | { type: 'elect'; partition: number; broker: number }
  /** The OS writes back a broker's unflushed log tails. */
  | { type: 'flush'; broker: number }
  /** Start the final drain read. */
  | { type: 'final-read' };

export type ClusterEventType = ClusterEvent['type'];

export const FAULT_EVENT_TYPES: readonly ClusterEventType[] = ['crash', 'pause', 'shutdown', 'partition', 'drop', 'elect', 'add-partition', 'alter-config'];
