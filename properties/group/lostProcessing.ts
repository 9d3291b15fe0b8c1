/**
 * lost-processing: a record below the group's final committed offset that no member of the group
 * ever processed. The committed offset says "done"; the record was never done. This is the
 * at-most-once cost of committing before processing (KAFKA.md: "Commit-before-process is
 * at-most-once"): a member that commits and then dies before processing loses what the commit
 * covered. Processing then committing (at-least-once) never loses a record, as long as a
 * partition without a committed offset starts from its beginning (auto.offset.reset=earliest),
 * and as long as retention does not delete records before the group processed them: a consumer
 * whose position fell below the log start offset gets OFFSET_OUT_OF_RANGE, resets past the
 * deleted records and commits beyond them (UnifiedLog.deleteOldSegments deletes by age and size,
 * never by what a group has consumed). Kafka's defaults keep records 7 days (retention.ms).
 */
import type { KmcConfig } from '../../model/config.ts';
import type { CrashOp, GroupModelState } from '../../model/group/types.ts';
import type { PositionOp } from '../../model/group/pollHistory.ts';
import type { Case, Guarantee } from '../property.ts';
import type { GroupHistoryProperty } from './groupProperty.ts';
import { numbersPhrase } from './groupProperty.ts';

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
  /** An auto.offset.reset after OFFSET_OUT_OF_RANGE that jumped over the first lost offset (retention deleted it). */
  reset: { consumer: string; from: number; to: number; logStartOffset: number; timeMs: number } | null;
  processing: string;
  autoCommit: boolean;
};

/**
 * Why retention loss is no broken promise, in the config's words. Retention counts per run, not
 * per config: Kafka's default keeps records 7 days, which no run reaches, so only a run in which
 * retention did delete unprocessed records (an out-of-range reset jumped over them) is excused.
 */
export function retentionReason(config: KmcConfig): string {
  const limits = [config['retention.ms'] >= 0 ? `retention.ms=${config['retention.ms']}` : '', config['retention.bytes'] >= 0 ? `retention.bytes=${config['retention.bytes']}` : ''].filter((s) => s !== '').join(', ');
  return `${limits} deleted records in this run before the group processed them (retention deletes by age and size, processed or not)`;
}

function check(state: GroupModelState): Case[] {
  const cases: Case[] = [];
  for (const op of state.history) {
    if (op.type !== 'final-offsets') continue;
    const processed: boolean[][] = Array.from({ length: state.partitionCount }, () => []);
    for (const p of state.history) if (p.type === 'process' && p.group === op.group) processed[p.partition][p.offset] = true;
    for (let partition = 0; partition < op.offsets.length; partition++) {
      const finalCommitted = op.offsets[partition];
      const lost: number[] = [];
      for (let offset = 0; offset < finalCommitted; offset++) if (!processed[partition][offset]) lost.push(offset);
      if (lost.length === 0) continue;
      const first = lost[0];
      const commit = state.ghost.commits.find((c) => c.group === op.group && c.offsets.some((o) => o.partition === partition && o.offset > first));
      const committedOffset = commit?.offsets.find((o) => o.partition === partition)?.offset ?? 0;
      const crash = state.history.find((h): h is CrashOp => h.type === 'crash' && h.group === op.group && h.unprocessed.some((r) => r.partition === partition && r.offset === first));
      const reset = state.history.find((h): h is PositionOp => h.type === 'position' && h.reason === 'out-of-range' && h.group === op.group && h.partition === partition && h.from <= first && first < h.to);
      const data: LostProcessingData = {
        group: op.group,
        partition,
        offsets: lost,
        finalCommitted,
        committedBy: commit ? { consumer: commit.clientId, memberId: commit.memberId, generation: commit.generation, offset: committedOffset, timeMs: commit.timeMs } : null,
        crash: crash ? { consumer: crash.consumer, incarnation: crash.incarnation, timeMs: crash.timeMs } : null,
        reset: reset ? { consumer: reset.consumer, from: reset.from, to: reset.to, logStartOffset: reset.logStartOffset, timeMs: reset.timeMs } : null,
        processing: state.config['model.group.processing'],
        autoCommit: state.config['enable.auto.commit'],
      };
      const lostCase: Case = { property: 'lost-processing', summary: `${op.group} p${partition} offset${lost.length === 1 ? '' : 's'} ${numbersPhrase(lost)} committed but never processed`, data };
      if (reset !== null && reset !== undefined) lostCase.allowedBecause = retentionReason(state.config);
      cases.push(lostCase);
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
  const reset = d.reset
    ? `Retention deleted them first: at ${d.reset.timeMs}ms ${d.reset.consumer}'s fetch at offset ${d.reset.from} got OFFSET_OUT_OF_RANGE (log start ${d.reset.logStartOffset}) and auto.offset.reset moved it to ${d.reset.to}. `
    : '';
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
