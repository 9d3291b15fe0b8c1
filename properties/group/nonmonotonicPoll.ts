/**
 * nonmonotonic-poll (Jepsen, reference/anomalies.md): within one consumer process and one
 * continuous ownership of a partition (pollRuns.ts), a poll starts at or before the last offset
 * the previous poll returned: the consumer read records again without seeking.
 *
 * Kafka's consumer only moves its position back when the application seeks (KafkaConsumer.seek)
 * or a new ownership starts from the committed offset, and both end a run here. The automatic
 * reset after OFFSET_OUT_OF_RANGE goes to the log start or the log end, both past a position
 * that was below the log start. So Kafka guarantees it under every configuration.
 */
import type { GroupModelState } from '../../model/group/types.ts';
import type { Case, Guarantee } from '../property.ts';
import type { GroupHistoryProperty } from './groupProperty.ts';
import { pollPairData, pollPairPhrase, successivePolls, type PollPairData } from './pollRuns.ts';

export type NonmonotonicPollData = PollPairData;

function check(state: GroupModelState): Case[] {
  const cases: Case[] = [];
  for (const pair of successivePolls(state)) {
    if (pair.nextOffset - pair.previousOffset >= 1) continue;
    const data: NonmonotonicPollData = pollPairData(pair);
    cases.push({ property: 'nonmonotonic-poll', summary: `${pair.consumer} polled ${pair.group} p${pair.partition} from offset ${pair.nextOffset} after reading up to ${pair.previousOffset}`, data });
  }
  return cases;
}

function explain(c: Case): string {
  const d = c.data as NonmonotonicPollData;
  return `${pollPairPhrase(d)}, at or before it: the consumer went back without being asked. nonmonotonic-poll.`;
}

export const nonmonotonicPoll: GroupHistoryProperty = {
  kind: 'history',
  name: 'nonmonotonic-poll',
  doc: 'Two successive polls of a partition by one consumer process, with no revocation or seek between them, go backwards or repeat an offset.',
  guaranteedWhen: (): Guarantee => ({ guaranteed: true }),
  check,
  explain,
};
