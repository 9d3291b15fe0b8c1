/**
 * SubscriptionState.checkAssignmentMatchedSubscription (ConsumerCoordinator.onJoinComplete): a
 * Java consumer does not apply an assignment naming a topic it does not subscribe to; it rejoins
 * with its current subscription. Found by an integration fuzz run: a replacement static process
 * subscribing to other topics than the one it replaced was given that one's partitions, kept them,
 * and left its own topics unowned in a "stable" group.
 */
import { describe, expect, it } from 'vitest';
import { consumerProgress } from '../../../model/clients/consumer.ts';
import { consumer, initState, settle } from './drive.ts';

describe('an assignment that does not match the subscription', () => {
  it('is not applied: a cooperative consumer keeps what it owns and rejoins', () => {
    const state = initState({ 'model.group.topics': 2, 'model.group.subscriptions': '1;1', 'model.group.records': 0, 'partition.assignment.strategy': 'cooperative-sticky' });
    settle(state);
    const c = consumer(state, 'consumer-1');
    const before = c.owned.map((o) => o.partition);
    // Global partition 2 is topic2-0, which consumer-1 does not subscribe to.
    c.pendingAssignment = { generation: c.generation, partitions: [...before, 2] };
    consumerProgress(state, c);
    expect(c.pendingAssignment).toBeNull();
    expect(c.owned.map((o) => o.partition)).toEqual(before);
    expect(c.joinState).toBe('joining');
  });

  it('is applied when every topic it names is subscribed', () => {
    const state = initState({ 'model.group.topics': 2, 'model.group.subscriptions': '1,2;1', 'model.group.records': 0 });
    settle(state);
    const c = consumer(state, 'consumer-1');
    expect(c.owned.map((o) => o.partition)).toContain(2);
    expect(c.rejoinNeeded).toBe(false);
  });
});
