/**
 * log-divergence against log-matching on runs the walks found: a divergence that truncation heals
 * is transient (log-matching only); one that survives the settle phase is permanent.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS, findScenario, replayScenarioSeed } from '../../index.ts';

describe('divergence that heals and divergence that lasts', () => {
  // Found by walks of KIP-279 with KIP-320 fencing (Kafka 2.1-2.7's rules) under unclean elections
  // and power losses. Broker 3 holds v1..v10 in epoch 0, its epoch cache (0 at 0, 5 at 10); the
  // unclean leader broker 2 wrote v1..v10 again in epoch 4, its cache (4 at 0, 7 at 10). Broker 3
  // asks for epoch 5 and gets (4, 10); it does not know epoch 4, so it asks again for epoch 0,
  // below every epoch broker 2 knows. Since 2.1 (KAFKA-7415) LeaderEpochFileCache.endOffsetFor
  // answers that with the epoch itself and the first start offset, (0, 0): broker 3 truncates to 0
  // and fetches broker 2's records, and the divergence heals. kmc answered as 2.0 did, undefined;
  // broker 3 fell back to its high watermark 10, kept its records, and log-divergence was
  // reported as guaranteed.
  it('KIP-279 with fencing heals an unclean election\'s divergence (seed w3/run-943): log-matching for a while, no log-divergence', async () => {
    const scenario = findScenario('truncation-kip-279', BUILTIN_SCENARIOS);
    const result = await replayScenarioSeed(scenario, {
      seed: 'w3/run-943',
      set: { 'model.fencing': 'true', 'model.faults': 'kill,power,pause,isolate,link,elect,drop', 'unclean.leader.election.enable': 'true', 'model.faults.max': '8', 'model.records': '10' },
    });
    expect(result.internalError).toBeNull();
    const found = result.violations.map((v) => v.property);
    expect(found).toContain('log-matching');
    expect(found).not.toContain('log-divergence');
    expect(result.violations.every((v) => !v.guaranteed)).toBe(true);
  });

  it('KIP-101 leaves the divergence for good (truncation-kip-101, its own seed): log-divergence, not promised under Kafka 0.11', async () => {
    const scenario = findScenario('truncation-kip-101', BUILTIN_SCENARIOS);
    const result = await replayScenarioSeed(scenario, { seed: 'kmc-1/run-128' });
    const divergence = result.violations.find((v) => v.property === 'log-divergence');
    expect(divergence).toMatchObject({ guaranteed: false });
    expect(divergence?.because).toContain('model.truncation=kip-101');
    expect(result.verdict).toBe('as-expected');
  });
});
