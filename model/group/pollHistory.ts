/**
 * History operations of the consumers' fetch path (what poll-skip and nonmonotonic-poll judge),
 * and lag samples. Plain data.
 */

/** One poll() that returned records: per partition, the offsets returned (from..to, inclusive). */
export interface PollOp {
  type: 'poll';
  group: string;
  consumer: string;
  incarnation: number;
  memberId: string;
  generation: number;
  batches: { partition: number; from: number; to: number }[];
  timeMs: number;
  step: number;
}

/**
 * Why a consumer's position of a partition was set other than by a poll:
 * - 'committed': taken from the group's committed offset (OffsetFetch), a new ownership;
 * - 'no-committed-offset': auto.offset.reset, nothing committed, a new ownership;
 * - 'out-of-range': auto.offset.reset after OFFSET_OUT_OF_RANGE (the client's own reset; the
 *   application did not ask for it);
 * - 'seek': the application seeks back (a commit-before-process batch whose commitSync failed).
 */
export type PositionReason = 'committed' | 'no-committed-offset' | 'out-of-range' | 'seek';

export interface PositionOp {
  type: 'position';
  group: string;
  consumer: string;
  incarnation: number;
  memberId: string;
  generation: number;
  partition: number;
  /** The position before (-1: none yet). */
  from: number;
  to: number;
  reason: PositionReason;
  logStartOffset: number;
  logEndOffset: number;
  timeMs: number;
  step: number;
}

/** auto.offset.reset=none: the error poll() throws to the application, which pauses the partition. */
export interface FetchErrorOp {
  type: 'fetch-error';
  group: string;
  consumer: string;
  incarnation: number;
  partition: number;
  /** The position that was out of range (-1: no committed offset). */
  position: number;
  exception: 'OffsetOutOfRangeException' | 'NoOffsetForPartitionException';
  logStartOffset: number;
  logEndOffset: number;
  timeMs: number;
  step: number;
}

/** Lag of a group-partition: log end offset minus the committed offset (none committed: from the log start). */
export interface LagSample {
  timeMs: number;
  group: string;
  partition: number;
  logEndOffset: number;
  committed: number;
  lag: number;
  at: 'commit' | 'retention-check' | 'final-read';
}
