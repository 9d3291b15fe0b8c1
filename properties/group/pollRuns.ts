/**
 * Successive polls of one partition by one consumer process within one continuous ownership: the
 * setting of Jepsen's poll-skip and nonmonotonic-poll (reference/anomalies.md: "one process; two
 * successive completed polls that both read key k, with no assign/subscribe between them that
 * dropped k"). Here a process is a consumer incarnation (a restart is a new process) and a key is
 * a partition. A run of polls ends, and the next poll starts a new one, when the consumer takes a
 * position other than by polling: a new ownership (the position comes from the committed offset
 * or auto.offset.reset after an assignment: the partition was revoked or lost in between), or an
 * explicit seek by the application (a commit-before-process batch dropped after a failed
 * commitSync). The client's own auto.offset.reset after OFFSET_OUT_OF_RANGE does not end a run:
 * the application asked for nothing, so a jump there is what poll-skip reports.
 */
import type { GroupModelState } from '../../model/group/types.ts';
import type { PollOp, PositionOp } from '../../model/group/pollHistory.ts';

export interface SuccessivePolls {
  group: string;
  consumer: string;
  incarnation: number;
  partition: number;
  /** The last offset the earlier poll returned, with that poll. */
  previousOffset: number;
  previous: PollOp;
  /** The first offset the later poll returned, with that poll. */
  nextOffset: number;
  next: PollOp;
  /** auto.offset.reset jumps (OFFSET_OUT_OF_RANGE) between the two polls. */
  resets: PositionOp[];
}

interface RunState {
  key: string;
  last: { offset: number; poll: PollOp } | null;
  resets: PositionOp[];
}

/** Every pair of successive polls of a partition within one run, in history order. */
export function successivePolls(state: GroupModelState): SuccessivePolls[] {
  const runs: RunState[] = [];
  const runOf = (consumer: string, incarnation: number, partition: number): RunState => {
    const key = `${consumer}/${incarnation}/${partition}`;
    let run = runs.find((r) => r.key === key);
    if (run === undefined) {
      run = { key, last: null, resets: [] };
      runs.push(run);
    }
    return run;
  };
  const pairs: SuccessivePolls[] = [];
  for (const op of state.history) {
    if (op.type === 'position') {
      const run = runOf(op.consumer, op.incarnation, op.partition);
      if (op.reason === 'out-of-range') run.resets.push(op);
      else {
        run.last = null;
        run.resets = [];
      }
    } else if (op.type === 'poll') {
      for (const batch of op.batches) {
        const run = runOf(op.consumer, op.incarnation, batch.partition);
        if (run.last !== null) {
          pairs.push({ group: op.group, consumer: op.consumer, incarnation: op.incarnation, partition: batch.partition, previousOffset: run.last.offset, previous: run.last.poll, nextOffset: batch.from, next: op, resets: run.resets });
        }
        run.last = { offset: batch.to, poll: op };
        run.resets = [];
      }
    }
  }
  return pairs;
}

/** What poll-skip and nonmonotonic-poll report about a pair of successive polls. */
export type PollPairData = {
  group: string;
  consumer: string;
  incarnation: number;
  partition: number;
  previousOffset: number;
  previousMs: number;
  nextOffset: number;
  nextMs: number;
  generation: number;
};

export function pollPairData(pair: SuccessivePolls): PollPairData {
  return {
    group: pair.group,
    consumer: pair.consumer,
    incarnation: pair.incarnation,
    partition: pair.partition,
    previousOffset: pair.previousOffset,
    previousMs: pair.previous.timeMs,
    nextOffset: pair.nextOffset,
    nextMs: pair.next.timeMs,
    generation: pair.next.generation,
  };
}

/** The explanation's opening: who polled what, and where each poll ended and began. */
export function pollPairPhrase(d: PollPairData): string {
  const process = d.incarnation === 0 ? d.consumer : `${d.consumer} (restarted ${d.incarnation}×)`;
  return (
    `${process} owned partition ${d.partition} of ${d.group} throughout (no revocation, no seek). Its poll at ${d.previousMs}ms ended at offset ${d.previousOffset}; ` +
    `its next poll, at ${d.nextMs}ms (generation ${d.generation}), began at offset ${d.nextOffset}`
  );
}
