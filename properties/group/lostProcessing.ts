/**
 * lost-processing: a record below the group's final committed offset that no member of the group
 * ever processed. The committed offset says "done"; the record was never done. This is the
 * at-most-once cost of committing before processing (KAFKA.md: "Commit-before-process is
 * at-most-once"): a member that commits and then dies before processing loses what the commit
 * covered. Processing then committing (at-least-once) never loses a record, as long as a
 * partition without a committed offset starts from its beginning (auto.offset.reset=earliest),
 * and as long as retention does not delete records before the group processed them: a consumer
 * whose position fell below the log start offset gets OFFSET_OUT_OF_RANGE, resets past the
 * deleted records and commits beyond them, and a partition with nothing committed starts at the
 * log start offset (auto.offset.reset=earliest), past whatever retention already deleted
 * (UnifiedLog.deleteOldSegments deletes by age and size, never by what a group has consumed).
 * Either reset excuses exactly the records it jumped over (retentionJumpOver). Kafka's defaults
 * keep records 7 days (retention.ms).
 */
import type { KmcConfig } from '../../model/config.ts';
import type { CrashOp, GroupModelState } from '../../model/group/types.ts';
import type { PositionOp, PositionReason } from '../../model/group/pollHistory.ts';
import type { Case, Guarantee } from '../property.ts';
import type { GroupHistoryProperty } from './groupProperty.ts';
import { numbersPhrase } from './groupProperty.ts';

/** The resets that can jump over records retention deleted. */
type RetentionResetReason = Extract<PositionReason, 'out-of-range' | 'no-committed-offset'>;

export type LostProcessingData = {
  group: string;
  partition: number;
  /** Offsets below the final committed offset that nobody processed, ascending. */
  offsets: number[];
  finalCommitted: number;
  /** The first accepted commit that moved past the first lost offset. */
  committedBy: { consumer: string; memberId: string; generation: number; offset: number; timeMs: number } | null;
  /** A crash of a member that held the first lost offset fetched but unprocessed. */
  crash: { consumer: string; incarnation: number; timeMs: number } | null;
  /**
   * The auto.offset.reset that jumped over the first lost offset after retention deleted it: after
   * OFFSET_OUT_OF_RANGE, or for a partition with nothing committed (from -1). Set only on the
   * excused case (the offsets retention deleted).
   */
  reset: { consumer: string; reason: RetentionResetReason; from: number; to: number; logStartOffset: number; timeMs: number } | null;
  processing: string;
  autoCommit: boolean;
};

/**
 * Why retention loss is no broken promise, in the config's words. Retention counts per run, not
 * per config: Kafka's default keeps records 7 days, which no run reaches, so only a run in which
 * retention did delete unprocessed records (an out-of-range reset jumped over them) is excused.
 */
export function retentionReason(state: Pick<GroupModelState, 'config' | 'ghost'>): string {
  const config = state.config;
  const limits = [config['retention.ms'] >= 0 ? `retention.ms=${config['retention.ms']}` : '', config['retention.bytes'] >= 0 ? `retention.bytes=${config['retention.bytes']}` : ''].filter((s) => s !== '');
  // Limits an admin set during the run (alter-config), with when.
  for (const a of state.ghost.alterations) if ((a.value as number) >= 0) limits.push(`${a.key}=${String(a.value)} (set by the admin at ${a.timeMs}ms with kafka-configs --alter)`);
  return `${limits.join(', ')} deleted records in this run before the group processed them (retention deletes by age and size, processed or not)`;
}

/**
 * The position change that jumped over `offset` because retention had deleted it: an
 * auto.offset.reset, after OFFSET_OUT_OF_RANGE or for a partition with nothing committed, that
 * moved a member of the group from at or below `offset` to past it while the log started past it
 * (the record was gone before anyone of the group read it). Undefined when no such jump happened.
 */
function retentionJumpOver(state: GroupModelState, group: string, partition: number, offset: number): PositionOp | undefined {
  return state.history.find(
    (h): h is PositionOp =>
      h.type === 'position' &&
      (h.reason === 'out-of-range' || h.reason === 'no-committed-offset') &&
      h.group === group &&
      h.partition === partition &&
      h.from <= offset &&
      offset < h.to &&
      offset < h.logStartOffset,
  );
}

function lostCaseOf(state: GroupModelState, group: string, partition: number, lost: number[], finalCommitted: number, reset: PositionOp | undefined): Case {
  const first = lost[0];
  const commit = state.ghost.commits.find((c) => c.group === group && c.offsets.some((o) => o.partition === partition && o.offset > first));
  const committedOffset = commit?.offsets.find((o) => o.partition === partition)?.offset ?? 0;
  const crash = state.history.find((h): h is CrashOp => h.type === 'crash' && h.group === group && h.unprocessed.some((r) => r.partition === partition && r.offset === first));
  const data: LostProcessingData = {
    group,
    partition,
    offsets: lost,
    finalCommitted,
    committedBy: commit ? { consumer: commit.clientId, memberId: commit.memberId, generation: commit.generation, offset: committedOffset, timeMs: commit.timeMs } : null,
    crash: crash ? { consumer: crash.consumer, incarnation: crash.incarnation, timeMs: crash.timeMs } : null,
    reset: reset ? { consumer: reset.consumer, reason: reset.reason as RetentionResetReason, from: reset.from, to: reset.to, logStartOffset: reset.logStartOffset, timeMs: reset.timeMs } : null,
    processing: state.config['model.group.processing'],
    autoCommit: state.config['enable.auto.commit'],
  };
  const lostCase: Case = { property: 'lost-processing', summary: `${group} p${partition} offset${lost.length === 1 ? '' : 's'} ${numbersPhrase(lost)} committed but never processed`, data };
  if (reset !== undefined) lostCase.allowedBecause = retentionReason(state);
  return lostCase;
}

/**
 * Per group-partition, the offsets below the final committed offset nobody processed. Those that
 * retention deleted before the group read them (a reset jumped over them, retentionJumpOver) are
 * one case, excused (Case.allowedBecause); the others, if any, are a case of their own.
 */
function check(state: GroupModelState): Case[] {
  const cases: Case[] = [];
  for (const op of state.history) {
    if (op.type !== 'final-offsets') continue;
    const processed: boolean[][] = Array.from({ length: state.partitionCount }, () => []);
    for (const p of state.history) if (p.type === 'process' && p.group === op.group) processed[p.partition][p.offset] = true;
    for (let partition = 0; partition < op.offsets.length; partition++) {
      const finalCommitted = op.offsets[partition];
      const unexplained: number[] = [];
      const deleted: number[] = [];
      let deletedBy: PositionOp | undefined;
      for (let offset = 0; offset < finalCommitted; offset++) {
        if (processed[partition][offset]) continue;
        const jump = retentionJumpOver(state, op.group, partition, offset);
        if (jump === undefined) unexplained.push(offset);
        else {
          deleted.push(offset);
          deletedBy ??= jump;
        }
      }
      if (unexplained.length > 0) cases.push(lostCaseOf(state, op.group, partition, unexplained, finalCommitted, undefined));
      if (deleted.length > 0) cases.push(lostCaseOf(state, op.group, partition, deleted, finalCommitted, deletedBy));
    }
  }
  return cases;
}

function explain(c: Case): string {
  const d = c.data as LostProcessingData;
  const records = `offset${d.offsets.length === 1 ? '' : 's'} ${numbersPhrase(d.offsets)}`;
  const commit = d.committedBy
    ? `At ${d.committedBy.timeMs}ms ${d.committedBy.consumer} (${d.committedBy.memberId}, generation ${d.committedBy.generation}) committed offset ${d.committedBy.offset} of partition ${d.partition}, past offset ${d.offsets[0]}, ${d.processing === 'commit-before-process' ? `before processing it (${d.autoCommit ? 'the auto-commit covers records handed to the worker' : 'commit-before-process'})` : 'without having processed it'}. `
    : '';
  const crash = d.crash ? `${d.crash.consumer} then crashed at ${d.crash.timeMs}ms still holding offset ${d.offsets[0]} unprocessed, and whoever took partition ${d.partition} over started at the committed offset. ` : '';
  const reset =
    d.reset === null
      ? ''
      : d.reset.reason === 'out-of-range'
        ? `Retention deleted them first: at ${d.reset.timeMs}ms ${d.reset.consumer}'s fetch at offset ${d.reset.from} got OFFSET_OUT_OF_RANGE (log start ${d.reset.logStartOffset}) and auto.offset.reset moved it to ${d.reset.to}. `
        : `Retention deleted them first: at ${d.reset.timeMs}ms ${d.reset.consumer} found nothing committed for partition ${d.partition} and auto.offset.reset started it at ${d.reset.to}, the log start offset by then (${d.reset.logStartOffset}). `;
  return `${d.group} ends with partition ${d.partition} committed up to ${d.finalCommitted}, yet no member ever processed ${records}. ${reset}${commit}${crash}The records are lost to the group: lost-processing.`;
}

export const lostProcessing: GroupHistoryProperty = {
  kind: 'history',
  name: 'lost-processing',
  doc: "A record below the group's final committed offset was never processed by any member.",
  guaranteedWhen(config: KmcConfig): Guarantee {
    const reasons: string[] = [];
    if (config['model.group.processing'] === 'commit-before-process') reasons.push('model.group.processing=commit-before-process (at-most-once: a crash after the commit loses what it covered)');
    if (config['auto.offset.reset'] === 'latest') reasons.push('auto.offset.reset=latest (a partition without a committed offset starts at its end)');
    return reasons.length === 0 ? { guaranteed: true } : { guaranteed: false, because: reasons.join('; ') };
  },
  check,
  explain,
};
