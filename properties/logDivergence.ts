/**
 * log-divergence (Kafka's own name: KIP-101 "log divergence", KIP-279 "Fix log divergence between
 * leader and follower after fast leader fail over"): once every fault is healed and the cluster
 * has settled (every replica of every partition caught up to its leader's log end offset and high
 * watermark), two replicas still hold different records at an offset below both high watermarks.
 * The divergence outlived the truncation protocol: it is there for good.
 *
 * log-matching is the same comparison after every step, which also catches divergence that heals:
 * a replica on stale leadership, or one that lost committed records (a power loss, an unclean
 * election) and was elected, holds other records for a while, until it truncates to the new
 * leader's log. That heals because truncation finds the point of divergence. With today's rule
 * (the diverging epoch in the fetch response, KAFKA-10554, 2.8+) and KIP-320's leader-epoch
 * fencing it always does: a record is identified by its offset and leader epoch, one leader
 * writes each epoch, and a follower truncates to the end offset of the largest epoch it shares
 * with the leader (LeaderEpochFileCache.endOffsetFor; UnifiedLog.truncateTo on a divergingEpoch),
 * so after settling every replica is a copy of its leader's log, whatever was lost on the way.
 * KIP-279's largest common epoch finds it too, in rounds, from 2.1 on: with KIP-320 fencing, and
 * with LeaderEpochFileCache.endOffsetFor answering an epoch below all the leader's with its first
 * start offset (KAFKA-7415). The older rules do not: truncation to the high watermark (before 0.11)
 * and KIP-101's OffsetsForLeaderEpoch answer (0.11-1.x) leave diverged logs after fast leader
 * fail-overs (KAFKA-6361); without KIP-320 a replica acting on stale leadership can rewrite its
 * leader epoch cache so that no answer finds the divergence (KAFKA-6880), and 2.0 answered an
 * epoch below all the leader's as undefined, leaving the follower at its high watermark. Walks
 * agree: truncation-kip-101's divergences all outlive the settle phase; under kip-279 with fencing
 * (once KAFKA-7415's answer was modelled) and under today's rule, with unclean elections and power
 * losses, none does.
 */
import type { ClusterState } from '../model/cluster/types.ts';
import type { KmcConfig } from '../model/config.ts';
import type { Case, FinalStateProperty, Guarantee } from './property.ts';
import { highWatermarkMismatches, type LogMatchingData } from './logMatching.ts';
import { recordPhrase } from './prose.ts';
import { settingText } from './settingText.ts';

export type LogDivergenceData = LogMatchingData;

function check(state: ClusterState): Case[] {
  return highWatermarkMismatches(state, 'log-divergence');
}

function explain(c: Case): string {
  const d = c.data as LogDivergenceData;
  return (
    `Every fault was healed and the cluster settled: every replica of partition ${d.partition} caught up with its leader ` +
    `(broker ${d.brokerA} at high watermark ${d.highWatermarkA}, broker ${d.brokerB} at ${d.highWatermarkB}). ` +
    `Yet broker ${d.brokerA} holds ${recordPhrase(d.recordA)} at offset ${d.offset} and broker ${d.brokerB} holds ${recordPhrase(d.recordB)}: ` +
    `truncation never found the point where the logs diverged, so they stay different for good and what a consumer reads at offset ${d.offset} ` +
    `depends on which replica leads: log divergence.`
  );
}

/**
 * Guaranteed with KIP-320 fencing and a truncation rule that finds the largest common epoch:
 * today's diverging epoch (2.8+) or KIP-279's OffsetsForLeaderEpoch rounds (with KIP-320,
 * 2.1-2.7). Unclean elections and power losses lose records but leave no logs diverged.
 */
function guaranteedWhen(config: KmcConfig): Guarantee {
  const reasons: string[] = [];
  const truncation = config['model.truncation'];
  if (truncation === 'high-watermark') reasons.push(`${settingText(config, 'model.truncation')} (a follower truncates to its own high watermark and can keep records the new leader lacks: KIP-101)`);
  if (truncation === 'kip-101') reasons.push(`${settingText(config, 'model.truncation')} (after a fast leader fail-over the leader's epoch end offset can lie past the divergence: KAFKA-6361)`);
  if (!config['model.fencing']) {
    reasons.push(`${settingText(config, 'model.fencing')} (before KIP-320 and KAFKA-7415, 2.1, a replica on stale leadership can rewrite its leader epoch cache, KAFKA-6880, and an epoch below all the leader's is answered undefined, so the follower keeps its log up to its high watermark)`);
  }
  return reasons.length === 0 ? { guaranteed: true } : { guaranteed: false, because: reasons.join(', ') };
}

export const logDivergence: FinalStateProperty = {
  kind: 'final',
  name: 'log-divergence',
  doc: 'Once faults are healed and every replica has caught up, two replicas still hold different records below both high watermarks.',
  guaranteedWhen,
  check,
  explain,
};
