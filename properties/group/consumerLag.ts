/**
 * consumer-lag (informational, judged only when model.report names it): lag per group-partition
 * (log end minus committed offset, KAFKA.md "Consumer and groups") evaluated over the run's lag
 * samples (model/group/production.ts: at each accepted commit, each retention check and the final
 * read) the way Burrow's consumer lag evaluation rules do, over a sliding window of up to
 * CONSUMER_LAG_WINDOW samples of a group-partition since it last had no lag (Burrow judges the
 * window ending now; a run is judged at every sample, and the first window that is not OK is
 * reported, since a run that settles always ends with no lag):
 * - any sample with zero lag in the window: OK;
 * - the committed offset never moves while lag stays or grows: STALLED (Burrow's ERROR);
 * - the committed offset moves, yet the lag never shrinks from one sample to the next: falling
 *   behind (Burrow's WARNING).
 * Kafka promises no bound on lag, so this is never a guarantee: it shows what a configuration and
 * its faults do to a group's progress, with the largest lag seen and when.
 */
import type { LagSample } from '../../model/group/pollHistory.ts';
import type { GroupModelState } from '../../model/group/types.ts';
import type { Case, Guarantee } from '../property.ts';
import type { GroupHistoryProperty } from './groupProperty.ts';

/** Burrow's default evaluation window (intervals). */
export const CONSUMER_LAG_WINDOW = 10;
/** Fewer samples than this say nothing about a trend. */
export const CONSUMER_LAG_SAMPLES_MIN = 3;

export type ConsumerLagStatus = 'stalled' | 'falling-behind';

export type ConsumerLagData = {
  group: string;
  partition: number;
  status: ConsumerLagStatus;
  /** The first window that is not OK, oldest sample first. */
  window: { timeMs: number; committed: number; logEndOffset: number; lag: number }[];
  lagMax: number;
  lagMaxTimeMs: number;
};

/** Burrow's rules over one group-partition's window; null when it is OK or too short to judge. */
export function lagStatus(window: readonly LagSample[]): ConsumerLagStatus | null {
  if (window.length < CONSUMER_LAG_SAMPLES_MIN) return null;
  if (window.some((s) => s.lag === 0)) return null;
  let lagNeverShrinks = true;
  for (let i = 1; i < window.length; i++) if (window[i].lag < window[i - 1].lag) lagNeverShrinks = false;
  if (!lagNeverShrinks) return null;
  const committedMoved = window.some((s) => s.committed !== window[0].committed);
  return committedMoved ? 'falling-behind' : 'stalled';
}

function check(state: GroupModelState): Case[] {
  const cases: Case[] = [];
  for (const group of state.groupIds) {
    for (let partition = 0; partition < state.partitionCount; partition++) {
      const samples = state.ghost.lag.filter((s) => s.group === group && s.partition === partition);
      let window: LagSample[] = [];
      let status: ConsumerLagStatus | null = null;
      // The window ending at each sample reaches back at most CONSUMER_LAG_WINDOW samples and no
      // further than the last time the group had caught up (a zero-lag sample is Burrow's OK).
      let start = 0;
      for (let end = 1; end <= samples.length && status === null; end++) {
        if (samples[end - 1].lag === 0) start = end;
        window = samples.slice(Math.max(start, end - CONSUMER_LAG_WINDOW), end);
        status = lagStatus(window);
      }
      if (status === null) continue;
      let worst = samples[0];
      for (const s of samples) if (s.lag > worst.lag) worst = s;
      const data: ConsumerLagData = {
        group,
        partition,
        status,
        window: window.map((s) => ({ timeMs: s.timeMs, committed: s.committed, logEndOffset: s.logEndOffset, lag: s.lag })),
        lagMax: worst.lag,
        lagMaxTimeMs: worst.timeMs,
      };
      const last = window[window.length - 1];
      cases.push({ property: 'consumer-lag', summary: `${group} p${partition} ${status === 'stalled' ? 'stalled' : 'falling behind'}: lag ${window[0].lag} → ${last.lag} over ${window.length} samples (max ${worst.lag} at ${worst.timeMs}ms)`, data });
    }
  }
  return cases;
}

function explain(c: Case): string {
  const d = c.data as ConsumerLagData;
  const first = d.window[0];
  const last = d.window[d.window.length - 1];
  const series = d.window.map((s) => `${s.lag}@${s.timeMs}ms`).join(', ');
  const verdict =
    d.status === 'stalled'
      ? `its committed offset stayed at ${first.committed < 0 ? 'none' : first.committed} while the log end went from ${first.logEndOffset} to ${last.logEndOffset}: the partition is stalled (Burrow: ERROR)`
      : `its committed offset moved from ${first.committed} to ${last.committed}, yet the lag never shrank: the group is falling behind (Burrow: WARNING)`;
  return `Lag of ${d.group} on p${d.partition} over ${d.window.length} samples from ${first.timeMs}ms to ${last.timeMs}ms: ${series}; ${verdict}. The largest lag seen was ${d.lagMax} at ${d.lagMaxTimeMs}ms.`;
}

export const consumerLag: GroupHistoryProperty = {
  kind: 'history',
  name: 'consumer-lag',
  informational: true,
  doc: 'A group-partition whose lag (log end minus committed) never shrank over its last samples: stalled commits or a group falling behind (Burrow\'s rules).',
  guaranteedWhen: (): Guarantee => ({ guaranteed: false, because: 'Kafka bounds no consumer\'s lag: how far a group falls behind is up to its pace and its faults' }),
  check,
  explain,
};
