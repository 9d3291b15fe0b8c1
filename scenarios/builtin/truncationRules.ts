import type { Scenario } from '../scenario.ts';
import { TRUNCATION_BUDGET, TRUNCATION_CONFIG } from './truncationBase.ts';

/**
 * Kafka 0.10 (before KIP-101): a new follower truncates to its own high watermark. The historical
 * scenarios pin model.kafka.version and let the release choose the truncation rule and fencing.
 */
export const truncationHighWatermark: Scenario = {
  name: 'truncation-high-watermark',
  title: 'Kafka 0.10: truncation to the high watermark (before KIP-101) loses committed records',
  doc:
    'A follower learns the high watermark one fetch after the leader advances it, so its own HW lags. Truncating to ' +
    'that HW on a leader change drops records that are committed; if this follower is then elected, they are gone ' +
    '(KIP-101 scenario 1; reference/replication.md §3.1). model.kafka.version=0.10 chooses the rule, without ' +
    'leader-epoch fencing, and a producer without idempotence (KIP-98 came in 0.11).',
  config: { ...TRUNCATION_CONFIG, 'model.kafka.version': '0.10', 'enable.idempotence': false },
  expect: ['lost-write'],
  budget: TRUNCATION_BUDGET,
  seed: 'kmc-1',
};

/** Kafka 0.11 (KIP-101, until 1.1): OffsetsForLeaderEpoch answered with the start of the next epoch. */
export const truncationKip101: Scenario = {
  name: 'truncation-kip-101',
  title: 'Kafka 0.11: KIP-101 truncation lets logs diverge for good after a fast leader fail-over',
  doc:
    'Under KIP-101 the leader answers a follower\'s epoch query with the start offset of the next larger epoch it ' +
    'knows. After two quick leader changes the answer can lie past the point of divergence, the follower keeps a ' +
    'record the leader does not have, and the two logs differ below the high watermark (KAFKA-6361, KIP-279; ' +
    'reference/replication.md §3.3). The divergence outlives every fault: once the cluster has settled, every replica ' +
    'caught up, the logs still differ (log-divergence; log-matching sees it from the first step it appears). ' +
    'model.kafka.version=0.11 chooses the rule; its idempotent producer has one request in flight.',
  config: { ...TRUNCATION_CONFIG, 'model.kafka.version': '0.11' },
  expect: ['log-divergence'],
  budget: TRUNCATION_BUDGET,
  seed: 'kmc-1',
};

/** Kafka 2.0 (KIP-279): largest common epoch, but no KIP-320 fencing yet (2.1). */
export const truncationKip279: Scenario = {
  name: 'truncation-kip-279',
  title: 'Kafka 2.0: KIP-279 truncation without epoch fencing: a leader counts a stale fetch and commits a record an ISR member lacks',
  doc:
    'KIP-279 fixed fast fail-over, but before KIP-320 nothing tied a fetch to a leader epoch. A follower\'s fetch sent in ' +
    'an old epoch still counts toward a newer leader\'s high watermark after that follower has truncated, so a record ' +
    'is committed while an ISR member lacks it (Kip320.tla rule 3: the leader bumps the HW only if the ISR followers ' +
    'have acknowledged the leader and its epoch). The same gap lets zombie replicas diverge below a correct tail ' +
    '(KAFKA-6880; reference/replication.md §3.4). model.kafka.version=2.0 chooses the rule and leaves fencing off.',
  config: { ...TRUNCATION_CONFIG, 'model.kafka.version': '2.0', 'model.faults': 'link,elect', 'model.faults.max': 5 },
  expect: ['strong-isr'],
  budget: TRUNCATION_BUDGET,
  seed: 'kmc-1',
};

/** Today's rule without KIP-320's epoch fencing of fetches, truncation and ISR expansion. */
export const divergingEpochNoFencing: Scenario = {
  name: 'diverging-epoch-no-fencing',
  title: 'Diverging-epoch truncation with fencing off: a stale-epoch follower joins the ISR too early',
  doc:
    'Without fencing, a leader accepts fetches and ISR expansion from followers in other epochs and adds a follower ' +
    'to the ISR before its own high watermark reaches the start of its epoch (Kip320.tla rules 3 and 4). The ISR then ' +
    'contains a replica missing committed records, which can be elected (reference/replication.md §1.3).',
  config: { ...TRUNCATION_CONFIG, 'model.truncation': 'diverging-epoch', 'model.fencing': false, 'model.faults': 'isolate,link,elect' },
  expect: ['strong-isr'],
  budget: TRUNCATION_BUDGET,
  seed: 'kmc-1',
};

/** The default rule under the same faults. */
export const divergingEpochHolds: Scenario = {
  name: 'diverging-epoch-holds',
  title: 'Today\'s truncation (diverging epoch, KIP-320 fencing) survives the faults that break the legacy rules',
  doc:
    'The same configuration and fault mix as the legacy truncation scenarios, with Kafka\'s current rule: fetches ' +
    'carry lastFetchedEpoch and the current leader epoch, and the leader returns the diverging epoch. No committed ' +
    'record is lost and no two replicas disagree below their high watermarks. One request in flight: with several, ' +
    'an idempotent producer\'s first batches may overtake each other (KAFKA-15591, producer-retries-idempotent), which ' +
    'Kafka does not promise against but a scenario that holds may not show.',
  // KAFKA-15591 (see producer-retries-idempotent) is not what this scenario is about.
  config: { ...TRUNCATION_CONFIG, 'max.in.flight.requests.per.connection': 1 },
  expect: 'hold',
  budget: { engine: 'random', runs: 2000, stepsMax: 250 },
  seed: 'kmc-1',
};
