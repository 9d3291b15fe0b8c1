/**
 * A process fenced by FENCED_INSTANCE_ID has exited for good (KIP-345): the topics only it
 * subscribed to are nobody's to read, so the model settles without them. Found by an integration
 * fuzz run (static members, coordinator moves): before, such a run never settled.
 */
import { describe, expect, it } from 'vitest';
import { groupModel } from '../../../model/group/index.ts';
import { consumer, initState, settle } from './drive.ts';

describe('settling after a static member is fenced', () => {
  it('does not wait for the fenced process\'s own topics to be consumed', () => {
    // consumer-3 is a replacement that takes consumer-1's group.instance.id; only consumer-1 reads topic2.
    const state = initState({ 'model.consumers': 3, 'model.group.topics': 2, 'model.group.subscriptions': '1,2;1;1', 'model.group.instance.ids': 'replacement', 'partition.assignment.strategy': 'range' });
    settle(state, 6000);
    expect(consumer(state, 'consumer-1').status).toBe('fenced');
    expect(state.history.some((op) => op.type === 'fenced' && op.consumer === 'consumer-1')).toBe(true);
    expect(groupModel.settled(state)).toBe(true);
    // The partitions of topic2 (global 2 and 3) were never read to their end by anyone left.
    expect(state.store.committed[0].offsets.slice(2)).not.toEqual([2, 2]);
  });
});
