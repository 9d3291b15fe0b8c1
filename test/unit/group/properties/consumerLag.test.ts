/** consumer-lag: Burrow's lag evaluation rules over a group-partition's lag samples, informational. */
import { describe, expect, it } from 'vitest';
import { consumerLag, lagStatus } from '../../../../properties/group/consumerLag.ts';
import { createGroupJudge } from '../../../../properties/group/judge.ts';
import type { LagSample } from '../../../../model/group/pollHistory.ts';
import { groupConfig, initState } from '../drive.ts';

function samples(rows: [timeMs: number, committed: number, logEndOffset: number][]): LagSample[] {
  return rows.map(([timeMs, committed, logEndOffset]) => ({ timeMs, group: 'group-1', partition: 0, logEndOffset, committed, lag: logEndOffset - committed, at: 'commit' }));
}

describe('consumer-lag (Burrow\'s rules)', () => {
  it('calls a partition stalled when the committed offset never moves while the log grows', () => {
    expect(lagStatus(samples([[100, 2, 4], [200, 2, 6], [300, 2, 8]]))).toBe('stalled');
  });

  it('calls a group falling behind when it commits yet its lag never shrinks', () => {
    expect(lagStatus(samples([[100, 1, 3], [200, 2, 5], [300, 4, 8]]))).toBe('falling-behind');
  });

  it('is silent when lag reached zero in the window, when it shrank once, or on too few samples', () => {
    expect(lagStatus(samples([[100, 2, 4], [200, 4, 4], [300, 4, 6]]))).toBeNull();
    expect(lagStatus(samples([[100, 1, 4], [200, 3, 5], [300, 3, 6]]))).toBeNull();
    expect(lagStatus(samples([[100, 2, 4], [200, 2, 6]]))).toBeNull();
  });

  it('fires on a run whose lag samples stall, with the series and the largest lag in the explanation', () => {
    const state = initState();
    state.ghost.lag.push(...samples([[100, 0, 2], [1100, 0, 3], [2100, 0, 5]]));
    const cases = consumerLag.check(state);
    expect(cases.map((c) => c.summary)).toEqual(['group-1 p0 stalled: lag 2 → 5 over 3 samples (max 5 at 2100ms)']);
    expect(consumerLag.explain(cases[0])).toContain('its committed offset stayed at 0 while the log end went from 2 to 5: the partition is stalled (Burrow: ERROR)');
    expect(consumerLag.guaranteedWhen(groupConfig()).guaranteed).toBe(false);
  });

  it('is judged only when model.report names it', () => {
    const state = initState();
    state.ghost.lag.push(...samples([[100, 0, 2], [1100, 0, 3], [2100, 0, 5]]));
    expect(createGroupJudge(groupConfig()).atEnd(state).map((f) => f.property)).not.toContain('consumer-lag');
    const asked = createGroupJudge(groupConfig({ 'model.report': 'consumer-lag' })).atEnd(state).filter((f) => f.property === 'consumer-lag');
    expect(asked).toHaveLength(1);
    expect(asked[0].guaranteed).toBe(false);
  });
});
