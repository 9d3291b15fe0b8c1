/**
 * Test helpers for the group model: a config over the scenarios' shared timing, and scripted
 * driving (the first enabled non-fault event, again and again, as the settle phase does).
 */
import { resolveConfig, type KmcConfig } from '../../../model/config.ts';
import { groupModel, type GroupEvent, type GroupModelState } from '../../../model/group/index.ts';
import { GROUP_BASE } from '../../../scenarios/builtin/groupTiming.ts';
import type { ConsumerState } from '../../../model/clients/consumerTypes.ts';
import type { GroupRpc } from '../../../model/group/rpc.ts';

/**
 * One __consumer_offsets partition unless a test says otherwise: every group maps to partition 0,
 * led by broker 1, so scripted requests to broker 1 reach the coordinator.
 */
export function groupConfig(overrides: Record<string, string | number | boolean> = {}): KmcConfig {
  return resolveConfig({ ...GROUP_BASE, 'num.partitions': 2, 'model.consumers': 2, 'model.group.records': 2, 'offsets.topic.num.partitions': 1, ...overrides });
}

export function initState(overrides: Record<string, string | number | boolean> = {}): GroupModelState {
  return groupModel.init(groupConfig(overrides), 'test');
}

/** Applies `event`, which must be enabled (or a heal event); returns its description. */
export function apply(state: GroupModelState, event: GroupEvent): string {
  const offered = [...groupModel.enabled(state), ...groupModel.healEvents(state)];
  if (!offered.some((e) => JSON.stringify(e) === JSON.stringify(event))) throw new Error(`not enabled: ${JSON.stringify(event)}; enabled: ${offered.map((e) => JSON.stringify(e)).join(' ')}`);
  const line = groupModel.describe(event, state);
  groupModel.step(state, event);
  return line;
}

/** Takes the first enabled non-fault event until `done` holds; returns the descriptions. */
export function runUntil(state: GroupModelState, done: (state: GroupModelState) => boolean, stepsMax = 3000, skip: (event: GroupEvent) => boolean = () => false): string[] {
  const lines: string[] = [];
  for (let i = 0; !done(state); i++) {
    if (i >= stepsMax) throw new Error(`not done after ${stepsMax} steps; last: ${lines.slice(-8).join(' | ')}`);
    const event = groupModel.enabled(state).find((e) => !groupModel.isFault(e) && e.type !== 'final-read' && !skip(e));
    if (event === undefined) throw new Error(`stuck; last: ${lines.slice(-8).join(' | ')}`);
    lines.push(apply(state, event));
  }
  return lines;
}

export function settle(state: GroupModelState, stepsMax = 3000): string[] {
  return runUntil(state, (s) => groupModel.settled(s), stepsMax);
}

export function consumer(state: GroupModelState, clientId: string): ConsumerState {
  const found = state.consumers.find((c) => c.clientId === clientId);
  if (!found) throw new Error(`no ${clientId}`);
  return found;
}

export function ownedOf(state: GroupModelState, clientId: string): number[] {
  return consumer(state, clientId).owned.map((o) => o.partition);
}

/** The messages `from` has queued for `to`, oldest first. */
export function sentTo(state: GroupModelState, from: string, to: string): GroupRpc[] {
  return state.wire.connections.find((c) => c.from === from && c.to === to)?.inFlight.map((m) => m.body) ?? [];
}

/** Every message `from` has in flight, to anyone. */
export function inFlightFrom(state: GroupModelState, from: string): GroupRpc[] {
  return state.wire.connections.filter((c) => c.from === from).flatMap((c) => c.inFlight.map((m) => m.body));
}

/** Takes what waits for a scripted client, which no consumer of the model will read. */
export function drain(state: GroupModelState, from: string, to: string): void {
  const connection = state.wire.connections.find((c) => c.from === from && c.to === to);
  if (connection) connection.inFlight.length = 0;
}
