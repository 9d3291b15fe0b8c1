/**
 * enabled(state): every event that can happen next, in a deterministic order: deliveries (by
 * connection key), processing, polls, recovery events (restart, resume, broker-restart, heal), due
 * timers, faults within model.group.faults and the budget, and the final read once everything
 * settled.
 *
 * Timeliness: virtual time advances (a timer due later than now fires) only when no message can be
 * delivered and no consumer holds a batch it could process. Messages and processing take no time; only faults make
 * a member slow (a paused process, a cut link). This is the synchrony Kafka's timeouts assume, and
 * it is what makes a session expiry or a rebalance timeout a consequence of a fault rather than of
 * an arbitrarily slow network.
 */
import { canPoll, canProcess, holdsTime } from '../clients/consumer.ts';
import { exitedForGood } from '../clients/consumerTypes.ts';
import { brokerNode } from './coordinator.ts';
import type { GroupEvent } from './events.ts';
import { isBrokerUp } from './offsetsTopic.ts';
import { isGroupSettled } from './settled.ts';
import type { GroupModelState } from './types.ts';
import { isCut, type WireConnection } from './wire.ts';
import { LOG_BROKER_NODE, PRODUCER_NODE } from './production.ts';
import { pushWorkloadEvents } from './workloadEvents.ts';

function canReceive(state: GroupModelState, node: string): boolean {
  if (node.startsWith('broker-') || node === PRODUCER_NODE || node === LOG_BROKER_NODE) return true;
  const consumer = state.consumers.find((c) => c.clientId === node);
  // A closed process's in-flight responses are delivered and discarded (step.ts).
  return consumer !== undefined && (consumer.status === 'running' || consumer.status === 'closed');
}

const HEAL: GroupEvent = { type: 'heal' };
const FINAL_READ: GroupEvent = { type: 'final-read' };

/** The delivery of the connection's oldest message, or null when it holds none or cannot deliver now. */
function deliverEvent(state: GroupModelState, connection: WireConnection): GroupEvent | null {
  if (connection.inFlight.length === 0) return null;
  if (isCut(state.wire, connection.from, connection.to)) return null;
  if (!canReceive(state, connection.to)) return null;
  return { type: 'deliver', from: connection.from, to: connection.to, id: connection.inFlight[0].id };
}

/**
 * enabledGroupEvents(state).find((e) => !isFault(e)) without listing every event when it can:
 * deliveries come first in enabled() and are no faults, so a deliverable message is the answer.
 */
export function firstNonFaultGroupEvent(state: GroupModelState, isFault: (event: GroupEvent) => boolean): GroupEvent | null {
  for (const connection of state.wire.connections) {
    const event = deliverEvent(state, connection);
    if (event !== null) return event;
  }
  for (const event of enabledGroupEvents(state)) if (!isFault(event)) return event;
  return null;
}

export function enabledGroupEvents(state: GroupModelState): GroupEvent[] {
  const events: GroupEvent[] = [];
  let deliverable = false;
  for (const connection of state.wire.connections) {
    const event = deliverEvent(state, connection);
    if (event === null) continue;
    deliverable = true;
    events.push(event);
  }
  let timeHeld = deliverable;
  for (const c of state.consumers) {
    if (canProcess(state, c)) events.push({ type: 'process', consumer: c.clientId });
    if (holdsTime(state, c)) timeHeld = true;
  }
  for (const c of state.consumers) if (canPoll(state, c)) events.push({ type: 'poll', consumer: c.clientId });
  for (const c of state.consumers) {
    if (c.status === 'crashed') events.push({ type: 'restart', consumer: c.clientId });
    else if (c.status === 'paused') events.push({ type: 'resume', consumer: c.clientId });
    else if (c.status === 'closed') events.push({ type: 'start', consumer: c.clientId });
  }
  for (const broker of state.brokersDown) events.push({ type: 'broker-restart', broker });
  if (state.wire.blocked.length > 0) events.push(HEAL);
  // Timers are sorted by (dueMs, id): the first timer of a live owner fixes the earliest due time.
  // While time is held, only timers already due (a woken process's overdue heartbeat) may fire.
  let dueMin = -1;
  for (const timer of state.timers) {
    if (dueMin !== -1 && timer.dueMs > dueMin) break;
    if (timeHeld && timer.dueMs > state.nowMs) break;
    if (!canReceive(state, timer.node)) continue;
    dueMin = timer.dueMs;
    events.push({ type: 'timer', id: timer.id });
  }
  pushWorkloadEvents(state, events);
  if (state.faultCounts.total < state.config['model.faults.max']) pushFaults(state, events);
  // A deliverable message is in flight, so the model has not settled (isGroupSettled is pure).
  if (state.finalRead === 'idle' && !deliverable && isGroupSettled(state)) events.push(FINAL_READ);
  return events;
}

function pushFaults(state: GroupModelState, events: GroupEvent[]): void {
  const faults = state.config['model.group.faults'];
  if (faults.length === 0) return;
  if (faults.includes('crash')) {
    for (const c of state.consumers) if (c.status === 'running') events.push({ type: 'crash', consumer: c.clientId });
  }
  if (faults.includes('pause') && !state.consumers.some((c) => c.status === 'paused')) {
    for (const c of state.consumers) if (c.status === 'running') events.push({ type: 'pause', consumer: c.clientId });
  }
  if (faults.includes('isolate')) {
    for (const c of state.consumers) {
      if (c.status === 'crashed' || exitedForGood(c.status) || c.status === 'closed' || isCut(state.wire, c.clientId, brokerNode(1))) continue;
      events.push({ type: 'isolate', consumer: c.clientId });
    }
  }
  if (faults.includes('drop')) {
    const pairs: string[] = [];
    for (const connection of state.wire.connections) {
      if (connection.inFlight.length === 0) continue;
      const [a, b] = connection.from < connection.to ? [connection.from, connection.to] : [connection.to, connection.from];
      const key = `${a}|${b}`;
      if (pairs.includes(key)) continue;
      pairs.push(key);
      events.push({ type: 'drop', a, b });
    }
  }
  if (faults.includes('failover')) {
    for (const partition of state.offsetsTopic) {
      if (partition.leader < 0) continue;
      for (const broker of partition.isr) if (broker !== partition.leader && isBrokerUp(state, broker)) events.push({ type: 'failover', partition: partition.partition, broker });
    }
  }
  if (faults.includes('broker-crash')) {
    for (let broker = 1; broker <= state.brokerCount; broker++) if (isBrokerUp(state, broker)) events.push({ type: 'broker-crash', broker });
  }
  if (faults.includes('alter-config')) {
    // An alteration to the value already in force changes nothing: not offered.
    for (const a of state.config['model.alter.configs']) {
      if ((a.key === 'retention.ms' || a.key === 'retention.bytes') && state.topicConfig[a.key] !== a.value) events.push({ type: 'alter-config', key: a.key, value: a.value as number });
    }
  }
}
