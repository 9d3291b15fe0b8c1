/**
 * poll-skip (Jepsen, reference/anomalies.md): within one consumer process and one continuous
 * ownership of a partition (pollRuns.ts), a poll starts more than one offset past where the
 * previous poll ended: the consumer jumped over records it never read.
 *
 * Kafka's consumer fetches from its position and advances it by exactly what poll() returned
 * (KafkaConsumer.poll, FetchCollector: position = last offset + 1), so within one ownership a
 * skip needs a reset the application did not ask for: OFFSET_OUT_OF_RANGE after retention moved
 * the log start offset past the position, answered by auto.offset.reset=earliest (jump to the new
 * log start) or latest (jump to the log end). With auto.offset.reset=none the client throws
 * instead of jumping; with unlimited retention (retention.ms and retention.bytes -1) the log
 * start never moves. Either way there is no skip.
 */
import type { GroupModelState } from '../../model/group/types.ts';
import type { Case, Guarantee } from '../property.ts';
import type { GroupHistoryProperty } from './groupProperty.ts';
import { pollPairData, pollPairPhrase, successivePolls, type PollPairData } from './pollRuns.ts';
import { retentionReason } from './lostProcessing.ts';

export type PollSkipData = PollPairData & {
  skipped: { from: number; to: number };
  /** The auto.offset.reset that made the jump, if one did. */
  reset: { from: number; to: number; logStartOffset: number; logEndOffset: number; timeMs: number; policy: string } | null;
};

function check(state: GroupModelState): Case[] {
  const cases: Case[] = [];
  for (const pair of successivePolls(state)) {
    if (pair.nextOffset - pair.previousOffset <= 1) continue;
    const reset = pair.resets.length > 0 ? pair.resets[pair.resets.length - 1] : null;
    const data: PollSkipData = {
      ...pollPairData(pair),
      skipped: { from: pair.previousOffset + 1, to: pair.nextOffset - 1 },
      reset: reset ? { from: reset.from, to: reset.to, logStartOffset: reset.logStartOffset, logEndOffset: reset.logEndOffset, timeMs: reset.timeMs, policy: state.config['auto.offset.reset'] } : null,
    };
    const skipped = data.skipped.from === data.skipped.to ? `offset ${data.skipped.from}` : `offsets ${data.skipped.from}..${data.skipped.to}`;
    const skip: Case = { property: 'poll-skip', summary: `${pair.consumer} skipped ${pair.group} p${pair.partition} ${skipped} between two polls`, data };
    if (data.reset !== null) {
      skip.allowedBecause = `${retentionReason(state).replace(' before the group processed them', ' a consumer had not read')}; OFFSET_OUT_OF_RANGE then reset its position past them (auto.offset.reset=${state.config['auto.offset.reset']})`;
    }
    cases.push(skip);
  }
  return cases;
}

function explain(c: Case): string {
  const d = c.data as PollSkipData;
  const skipped = d.skipped.from === d.skipped.to ? `offset ${d.skipped.from}` : `offsets ${d.skipped.from}..${d.skipped.to}`;
  const why = d.reset
    ? `At ${d.reset.timeMs}ms its fetch at offset ${d.reset.from} got OFFSET_OUT_OF_RANGE (retention had moved the log start offset to ${d.reset.logStartOffset}; log end ${d.reset.logEndOffset}) and auto.offset.reset=${d.reset.policy} moved the position to ${d.reset.to}. `
    : '';
  return `${pollPairPhrase(d)}. ${why}It never read ${skipped}: poll-skip.`;
}

export const pollSkip: GroupHistoryProperty = {
  kind: 'history',
  name: 'poll-skip',
  doc: 'Two successive polls of a partition by one consumer process, with no revocation or seek between them, skip offsets.',
  // Guaranteed under every config: a skip is excused per case, when an out-of-range reset after
  // retention deleted records made it (Case.allowedBecause); Kafka's default retention (7 days)
  // never acts within a run.
  guaranteedWhen: (): Guarantee => ({ guaranteed: true }),
  check,
  explain,
};
