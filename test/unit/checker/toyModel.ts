/**
 * A toy model for the engine tests: a register replicated from a primary r1 to a follower r2
 * over a TCP-like network (FIFO per connection), with a retransmit timer on r1 (it fires once
 * r1 <-> r2 is idle with a write unacked, so the state space stays finite), a client that
 * does the final read from r2, and three faults: crash r2 (power loss: it reboots with its
 * flushed value), partition r1<->r2 (healed by a heal event outside `enabled`), and drop the
 * r1<->r2 connection (in-flight messages both ways are lost).
 *
 * Workload: r1 writes values 1..model.records; each write is replicated to r2, which acks it.
 * Faults allowed: model.faults ('kill' = crash, 'link' = partition, 'drop' = drop), at most
 * model.faults.max in a run.
 *
 * The planted bug (option `bug`, default on): r2 acks a write before flushing it. The shortest
 * way to see it is 4 events — write, deliver the replicate, deliver the ack, crash r2 — after
 * which r1 holds an ack for a value r2 no longer has ("acked-durable", a state invariant), and
 * the final read misses it ("lost-write", a history property). With `bug: false` r2 flushes
 * before acking and both hold.
 *
 * Guarantees, as the cluster judge has them: with acks=all (the default) every toy property is
 * guaranteed, so the first finding ends a run. With acks=1 or acks=0, "acked-durable" and
 * "lost-write" are not ("possible because acks=1"): the run goes on past the crash, and the
 * final read shows the lost write.
 */
import type { Model } from '../../../model/kernel/model.ts';
import { assert, assertNever } from '../../../model/kernel/assert.ts';
import { hashString } from '../../../model/kernel/fingerprint.ts';
import type { KmcConfig } from '../../../model/config.ts';
import type { Finding, Judge } from '../../../checker/judge.ts';

export type ToyNode = 'r1' | 'r2' | 'client';

export type ToyBody = { kind: 'replicate'; value: number } | { kind: 'ack'; value: number } | { kind: 'read' } | { kind: 'read-reply'; value: number };

export interface ToyMessage {
  id: string;
  from: ToyNode;
  to: ToyNode;
  body: ToyBody;
}

export interface ToyConnection {
  key: string;
  from: ToyNode;
  to: ToyNode;
  inFlight: ToyMessage[];
  seqNext: number;
}

export type ToyEvent =
  | { type: 'write' }
  | { type: 'deliver'; from: ToyNode; to: ToyNode; id: string }
  | { type: 'timer'; id: 'retransmit' | 'heartbeat' }
  | { type: 'crash'; node: 'r2' }
  | { type: 'partition' }
  | { type: 'heal' }
  | { type: 'drop'; a: 'r1'; b: 'r2' }
  | { type: 'final-read' };

export interface ToyState {
  nowMs: number;
  writeNext: number;
  writesTotal: number;
  r1: { value: number; ackedMax: number; unacked: number[] };
  r2: { value: number; flushed: number; crashes: number };
  /** Sorted by key. */
  connections: ToyConnection[];
  cut: boolean;
  faults: { crash: boolean; partition: boolean; drop: boolean; used: number; max: number };
  /** Sorted by id. */
  timers: { id: 'retransmit' | 'heartbeat'; dueMs: number }[];
  finalRead: { started: boolean; value: number | null };
}

export interface ToyOptions {
  /** r2 acks before flushing (the planted bug). Default true. */
  bug?: boolean;
  /** Written into counterexample files; replay refuses another. Default '1'. */
  version?: string;
  /** step() fails a model assertion when r1 writes this value. */
  assertOnWrite?: number;
  /** A heartbeat timer that is always enabled (so a run never runs out of events). */
  heartbeat?: boolean;
  /** settled() never holds: the run must end with "did-not-settle". */
  neverSettles?: boolean;
  /** Offer workloadDone(): every write issued and acknowledged. Default off (the method is absent). */
  workloadDone?: boolean;
  /** Offer settleWithinMs(): this many virtual milliseconds. Default off (the method is absent). */
  settleWithinMs?: number;
  /** settled() holds only from this virtual time on (with the heartbeat, time passes while settling). */
  settlesAtMs?: number;
}

export const RETRANSMIT_MS = 100;
export const HEARTBEAT_MS = 1000;
/** The planted bug's shortest counterexample, in events. */
export const SHORTEST_BUG_DEPTH = 4;

const CONNECTION_KEYS: readonly [ToyNode, ToyNode][] = [
  ['client', 'r2'],
  ['r1', 'r2'],
  ['r2', 'client'],
  ['r2', 'r1'],
];

function connection(state: ToyState, from: ToyNode, to: ToyNode): ToyConnection {
  const found = state.connections.find((c) => c.from === from && c.to === to);
  assert(found !== undefined, `no connection ${from}>${to}`);
  return found;
}

function send(state: ToyState, from: ToyNode, to: ToyNode, body: ToyBody): void {
  const c = connection(state, from, to);
  c.inFlight.push({ id: `${c.key}#${c.seqNext}`, from, to, body });
  c.seqNext++;
}

function setTimer(state: ToyState, id: 'retransmit' | 'heartbeat', dueMs: number): void {
  state.timers = state.timers.filter((t) => t.id !== id);
  state.timers.push({ id, dueMs });
  state.timers.sort((a, b) => (a.id < b.id ? -1 : 1));
}

function dropBetweenReplicas(state: ToyState): void {
  connection(state, 'r1', 'r2').inFlight = [];
  connection(state, 'r2', 'r1').inFlight = [];
}

function linkOpen(state: ToyState, from: ToyNode, to: ToyNode): boolean {
  return !(state.cut && from !== 'client' && to !== 'client');
}

export function createToyModel(options: ToyOptions = {}): Model<ToyState, ToyEvent, KmcConfig> {
  const bug = options.bug ?? true;

  const receive = (state: ToyState, message: ToyMessage): void => {
    const body = message.body;
    switch (body.kind) {
      case 'replicate':
        assert(message.to === 'r2', 'replicate goes to r2');
        state.r2.value = Math.max(state.r2.value, body.value);
        if (!bug) state.r2.flushed = state.r2.value;
        send(state, 'r2', 'r1', { kind: 'ack', value: body.value });
        return;
      case 'ack':
        state.r1.ackedMax = Math.max(state.r1.ackedMax, body.value);
        state.r1.unacked = state.r1.unacked.filter((v) => v !== body.value);
        if (state.r1.unacked.length === 0) state.timers = state.timers.filter((t) => t.id !== 'retransmit');
        return;
      case 'read':
        send(state, 'r2', 'client', { kind: 'read-reply', value: state.r2.value });
        return;
      case 'read-reply':
        state.finalRead.value = body.value;
        return;
      default:
        assertNever(body, 'toy message body');
    }
  };

  return {
    name: 'toy-register',
    version: options.version ?? '1',

    init(config: KmcConfig): ToyState {
      const faults = config['model.faults'];
      return {
        nowMs: 0,
        writeNext: 1,
        writesTotal: config['model.records'],
        r1: { value: 0, ackedMax: 0, unacked: [] },
        r2: { value: 0, flushed: 0, crashes: 0 },
        connections: CONNECTION_KEYS.map(([from, to]) => ({ key: `${from}>${to}`, from, to, inFlight: [], seqNext: 0 })),
        cut: false,
        faults: { crash: faults.includes('kill'), partition: faults.includes('link'), drop: faults.includes('drop'), used: 0, max: config['model.faults.max'] },
        timers: options.heartbeat ? [{ id: 'heartbeat', dueMs: HEARTBEAT_MS }] : [],
        finalRead: { started: false, value: null },
      };
    },

    enabled(state: ToyState): ToyEvent[] {
      const events: ToyEvent[] = [];
      for (const c of state.connections) {
        if (c.inFlight.length > 0 && linkOpen(state, c.from, c.to)) events.push({ type: 'deliver', from: c.from, to: c.to, id: c.inFlight[0].id });
      }
      // The retransmit timer only matters once a message was lost: it fires when r1 <-> r2 is idle.
      const replicasIdle = connection(state, 'r1', 'r2').inFlight.length + connection(state, 'r2', 'r1').inFlight.length === 0;
      for (const t of state.timers) if (t.id === 'heartbeat' || replicasIdle) events.push({ type: 'timer', id: t.id });
      if (state.writeNext <= state.writesTotal && !state.finalRead.started) events.push({ type: 'write' });
      const faultsLeft = state.faults.used < state.faults.max;
      if (faultsLeft && state.faults.crash) events.push({ type: 'crash', node: 'r2' });
      if (faultsLeft && state.faults.partition && !state.cut) events.push({ type: 'partition' });
      if (faultsLeft && state.faults.drop && !replicasIdle) events.push({ type: 'drop', a: 'r1', b: 'r2' });
      return events;
    },

    step(state: ToyState, event: ToyEvent): void {
      switch (event.type) {
        case 'write': {
          const value = state.writeNext++;
          assert(value !== options.assertOnWrite, `planted model assertion: r1 wrote v${value}`);
          state.r1.value = value;
          state.r1.unacked.push(value);
          send(state, 'r1', 'r2', { kind: 'replicate', value });
          if (!state.timers.some((t) => t.id === 'retransmit')) setTimer(state, 'retransmit', state.nowMs + RETRANSMIT_MS);
          return;
        }
        case 'deliver': {
          const c = connection(state, event.from, event.to);
          const message = c.inFlight.shift();
          assert(message !== undefined && message.id === event.id, `deliver ${event.id}: not at the head of ${c.key}`);
          receive(state, message);
          return;
        }
        case 'timer': {
          const timer = state.timers.find((t) => t.id === event.id);
          assert(timer !== undefined, `timer ${event.id} is not set`);
          state.nowMs = Math.max(state.nowMs, timer.dueMs);
          if (event.id === 'heartbeat') {
            setTimer(state, 'heartbeat', state.nowMs + HEARTBEAT_MS);
            return;
          }
          for (const value of state.r1.unacked) send(state, 'r1', 'r2', { kind: 'replicate', value });
          setTimer(state, 'retransmit', state.nowMs + RETRANSMIT_MS);
          return;
        }
        case 'crash':
          state.r2.value = state.r2.flushed;
          state.r2.crashes++;
          state.faults.used++;
          dropBetweenReplicas(state);
          return;
        case 'partition':
          state.cut = true;
          state.faults.used++;
          return;
        case 'heal':
          state.cut = false;
          return;
        case 'drop':
          dropBetweenReplicas(state);
          state.faults.used++;
          return;
        case 'final-read':
          assert(!state.finalRead.started, 'final read started twice');
          state.finalRead.started = true;
          send(state, 'client', 'r2', { kind: 'read' });
          return;
        default:
          assertNever(event, 'toy event');
      }
    },

    clone: (state) => structuredClone(state),
    fingerprint: (state) => hashString(JSON.stringify(state)),

    describe(event: ToyEvent, state: ToyState): string {
      switch (event.type) {
        case 'write':
          return `r1 writes v${state.writeNext} and replicates it to r2`;
        case 'deliver': {
          const message = connection(state, event.from, event.to).inFlight[0];
          const body = message ? message.body : null;
          return `deliver ${event.id}: ${body ? JSON.stringify(body) : '(nothing)'}`;
        }
        case 'timer':
          return `timer ${event.id} fires`;
        case 'crash':
          return `r2 crashes (power loss): value v${state.r2.value} back to flushed v${state.r2.flushed}`;
        case 'partition':
          return 'partition r1 <-> r2';
        case 'heal':
          return 'heal the partition';
        case 'drop':
          return 'drop the r1 <-> r2 connection';
        case 'final-read':
          return 'client starts the final read of r2';
        default:
          return assertNever(event, 'toy event');
      }
    },

    isFault: (event) => event.type === 'crash' || event.type === 'partition' || event.type === 'drop',
    healEvents: (state) => (state.cut ? [{ type: 'heal' }] : []),
    settled: (state) =>
      !options.neverSettles &&
      state.nowMs >= (options.settlesAtMs ?? 0) &&
      state.writeNext > state.writesTotal && state.r1.unacked.length === 0 && state.connections.every((c) => c.inFlight.length === 0),
    finalReadEvent: (state) => (state.finalRead.started ? null : { type: 'final-read' }),
    finalReadDone: (state) => state.finalRead.value !== null,
    nowMs: (state) => state.nowMs,
    ...(options.settleWithinMs !== undefined ? { settleWithinMs: () => options.settleWithinMs! } : {}),
    ...(options.workloadDone ? { workloadDone: (state: ToyState) => state.writeNext > state.writesTotal && state.r1.unacked.length === 0 } : {}),
  };
}

function finding(property: string, summary: string, explanation: string, data: Record<string, unknown>, because: string | null = null): Finding {
  return { property, doc: `toy property ${property}`, cases: [{ property, summary, data }], guaranteed: because === null, because, explanation };
}

/** Why the toy's durability properties are not guaranteed under `config`, or null when they are. */
function durabilityNotGuaranteed(config: KmcConfig): string | null {
  return config.acks === -1 ? null : `acks=${config.acks}`;
}

export interface ToyJudgeOptions {
  /** Check "acked-durable" after every step. Default true. */
  invariant?: boolean;
  /** Report "crashed-twice" when r2 has crashed twice (a second, independent property). */
  crashedTwice?: boolean;
  /** afterStep throws (a property bug) once r2 has crashed. */
  throwOnCrash?: boolean;
  /**
   * "acked-durable" is allowed (not guaranteed) while r2 has crashed fewer than this many times,
   * like a run-time allowance (KAFKA-15591's): the same property is first allowed, later
   * guaranteed.
   */
  allowedBelowCrashes?: number;
  /** livenessGuarantee() says settling is not promised ("toy without a promise"). */
  livenessNotPromised?: boolean;
}

/**
 * The toy's judge: "acked-durable" (state), "crashed-twice" (state, always guaranteed),
 * "lost-write" (history). The first and last are not guaranteed unless acks=all.
 */
export function toyJudgeFor(options: ToyJudgeOptions = {}): (config: KmcConfig) => Judge<ToyState> {
  return (config) => ({
    ...(options.livenessNotPromised ? { livenessGuarantee: () => ({ guaranteed: false, because: 'toy without a promise' }) } : {}),
    afterStep(state: ToyState): Finding[] {
      if (options.throwOnCrash && state.r2.crashes > 0) throw new TypeError('toy judge cannot read r2');
      const findings: Finding[] = [];
      if ((options.invariant ?? true) && state.r1.ackedMax > state.r2.value) {
        findings.push(
          finding(
            'acked-durable',
            `v${state.r1.ackedMax} acked but r2 has v${state.r2.value}`,
            `r1 holds an ack for v${state.r1.ackedMax}, yet r2 has only v${state.r2.value}.`,
            { acked: state.r1.ackedMax, r2: state.r2.value },
            state.r2.crashes < (options.allowedBelowCrashes ?? 0) ? `r2 crashed only ${state.r2.crashes} time(s)` : durabilityNotGuaranteed(config),
          ),
        );
      }
      if (options.crashedTwice && state.r2.crashes >= 2) findings.push(finding('crashed-twice', 'r2 crashed twice', 'r2 crashed twice.', { crashes: state.r2.crashes }));
      return findings;
    },
    atEnd(state: ToyState): Finding[] {
      const read = state.finalRead.value ?? 0;
      if (read >= state.r1.ackedMax) return [];
      return [
        finding(
          'lost-write',
          `v${state.r1.ackedMax} acked, final read v${read}`,
          `v${state.r1.ackedMax} was acknowledged but the final read returned v${read}: a lost write.`,
          { acked: state.r1.ackedMax, read },
          durabilityNotGuaranteed(config),
        ),
      ];
    },
  });
}
