import type { GroupTopicConfig } from '../dynamicConfig.ts';
/**
 * Events of the group model: plain JSON data naming what they touch by stable ids.
 * Node ids: "broker-<id>", "consumer-<n>".
 */
export type GroupEvent =
  /** Deliver the oldest in-flight message of the connection from -> to. */
  | { type: 'deliver'; from: string; to: string; id: string }
  /** Fire a due timer; virtual time advances to its due time. */
  | { type: 'timer'; id: string }
  /** The workload: a consumer's poll() returns records. */
  | { type: 'poll'; consumer: string }
  /** The workload: a consumer processes the records it holds. */
  | { type: 'process'; consumer: string }
  /** The consumer process dies (kill -9); what it held in memory is gone. */
  | { type: 'crash'; consumer: string }
  | { type: 'restart'; consumer: string }
  /** SIGSTOP: the consumer and its heartbeat thread stop; it wakes later as a zombie. */
  | { type: 'pause'; consumer: string }
  | { type: 'resume'; consumer: string }
  /** Cut the consumer from every broker, both ways (messages wait until the heal). */
  | { type: 'isolate'; consumer: string }
  /** Heal every cut link. */
  | { type: 'heal' }
  /** Drop the TCP connection between a consumer and a broker: in-flight messages both ways are lost. */
  | { type: 'drop'; a: string; b: string }
  /**
   * An admin moves the leadership of __consumer_offsets-`partition`, and with it the coordinator
   * of the groups mapping there, to `broker` (a live ISR replica); every broker stays up.
   */
  | { type: 'failover'; partition: number; broker: number }
  /** A broker process dies: its connections drop, the partitions it led elect new leaders. */
  | { type: 'broker-crash'; broker: number }
  /** The crashed broker comes back as a follower. */
  | { type: 'broker-restart'; broker: number }
  /** The workload: the application calls close() (commit, LeaveGroup, the process ends); bounded by model.group.churn.max. */
  | { type: 'close'; consumer: string }
  /** The workload: a closed consumer's application starts again, as a new member. */
  | { type: 'start'; consumer: string }
  /** The workload: subscribe(topics) with another set of topics; bounded by model.group.subscription.changes.max. */
  | { type: 'subscribe'; consumer: string; topics: string[] }
  /** An admin changes a dynamic topic config of every topic (kafka-configs --alter), from model.alter.configs. */
  | { type: 'alter-config'; key: keyof GroupTopicConfig; value: number }
  /** An admin adds one partition to a topic (CreatePartitions); bounded by model.group.partitions.added.max. */
  | { type: 'create-partitions'; topic: string }
  /** Record the final committed offsets (everything has settled). */
  | { type: 'final-read' };

export type GroupEventType = GroupEvent['type'];

export const GROUP_FAULT_EVENT_TYPES: readonly GroupEventType[] = ['crash', 'pause', 'isolate', 'drop', 'failover', 'broker-crash', 'alter-config'];
