/**
 * What a cluster event may read or write (Model.footprint), for the exhaustive engine's
 * partial-order reduction. Conservative by construction: an event is described by the node whose
 * handler runs (its own state, its own timers, the tails of its outgoing connections, the head of
 * the connection it is delivered on) plus the shared parts of the state that node's handlers can
 * write:
 * - `ids`: state.idNext, the one counter request, fetch and op ids come from (access.ts nextId):
 *   two handlers that both take an id give different ids in the two orders, so they conflict;
 * - `ghost-hw`: the ghost entries brokers write (a leader's high watermark per partition, the
 *   weakest min.insync.replicas per record), which a zombie and a new leader may both write;
 * - `history`: the history ops producers and the reader append or complete.
 * A broker's delivery names only what its message's handler can write (BROKER_SHARE): a leader
 * taking a fetch or a produce may write ghost entries but takes an id only to propose an ISR
 * expansion; a follower handling a fetch answer takes an id but writes no ghost entry.
 * The controller's ghost entries (elections) are written by the controller alone, so they belong
 * to it. A delivery also names its link (`link:from>to`), which a network cut of that link
 * disables. Two faults have footprints of their own:
 * - a network cut adds its links to the cut links and disables the deliveries on them; no handler
 *   reads the cut links (a message sent on a cut link waits in its connection), and two cuts of
 *   disjoint links add up to the same cut links in either order, neither making the other's
 *   links all cut already (which would take it off the enabled list);
 * - an admin election is the controller's own change.
 * Each also adds one to the fault counts, which commutes; but a fault is enabled only while the
 * count is below model.faults.max, so with one fault left every fault names `faults` (the first
 * would disable the second).
 * Everything else is global (null): the other faults, heal (it undoes every cut), restarts (they
 * drop connections and notify peers), the final read (it waits for the whole cluster to settle),
 * and any timer whose firing advances virtual time (every handler reads the clock; an earlier
 * timer set by another event would also disable it).
 *
 * Two enabled events with disjoint footprints then commute: each handler reads and writes only
 * its node and the resources named, pushes onto its own connections (another delivery only pops
 * the head of a non-empty one), and sets only its own timers, which stay sorted by (due, id)
 * whatever the order; neither can disable the other: a delivery stays the head of its connection,
 * a receiver's status changes only by its own events or by global ones, and a timer due now stays
 * among the earliest (nothing is set to fire before now). test/unit/model/cluster/footprint.test.ts
 * checks the claim on seeded walks.
 */
import { CONTROLLER, READER, brokerIdOf } from '../network/nodes.ts';
import type { Rpc } from '../network/rpc.ts';
import type { ClusterEvent } from './events.ts';
import type { ClusterState, TimerKind } from './types.ts';

const IDS = 'ids';
const GHOST_HW = 'ghost-hw';
const HISTORY = 'history';
const FAULTS = 'faults';
const ELECT_FOOTPRINT: readonly string[] = [CONTROLLER];

function linkResource(from: string, to: string): string {
  return `link:${from}>${to}`;
}

/** A network cut's footprint, by the cut event (prebuilt events are shared, so this is cached). */
const CUT_FOOTPRINTS = new WeakMap<object, readonly string[]>();

function cutFootprint(event: Extract<ClusterEvent, { type: 'partition' }>): readonly string[] {
  let cached = CUT_FOOTPRINTS.get(event);
  if (cached === undefined) {
    const resources: string[] = [];
    for (const a of event.a) {
      for (const b of event.b) {
        resources.push(linkResource(a, b));
        if (!event.oneWay) resources.push(linkResource(b, a));
      }
    }
    cached = resources;
    CUT_FOOTPRINTS.set(event, cached);
  }
  return cached;
}

/**
 * What a broker's handler of a message may write beyond its own state: nothing shared (requests
 * it answers from its own state), the ghost entries (a leader taking records, which may advance
 * its high watermark; a fetch that cannot propose an ISR change), ids (a follower's handling of
 * a fetch or epoch-query answer: its next fetch; follower.ts writes no ghost entry), or both.
 */
type BrokerShare = 'none' | 'ghost' | 'ids' | 'both';

const BROKER_SHARE: Partial<Record<Rpc['type'], BrokerShare>> = {
  OffsetForLeaderEpoch: 'none',
  Metadata: 'none',
  ConsumerFetch: 'none',
  Produce: 'ghost',
  FetchResponse: 'ids',
  OffsetForLeaderEpochResponse: 'ids',
};

const SHARED_BY: Record<BrokerShare, readonly string[]> = { none: [], ghost: [GHOST_HW], ids: [IDS], both: [IDS, GHOST_HW] };

/** Broker timers whose handler only sends to the controller and sets itself again. */
const BROKER_TIMERS_OWN_ONLY: ReadonlySet<TimerKind> = new Set(['broker-heartbeat']);

/** Footprints by node, built once per node id (events are many, nodes few). */
const CACHE = new Map<string, { full: readonly string[]; own: readonly string[] }>();

function nodeFootprints(node: string): { full: readonly string[]; own: readonly string[] } {
  let cached = CACHE.get(node);
  if (cached === undefined) {
    const own = [node];
    let full: string[];
    if (node === CONTROLLER) full = own;
    else if (brokerIdOf(node) > 0) full = [node, IDS, GHOST_HW];
    else full = [node, IDS, HISTORY]; // a producer or the reader
    cached = { full, own };
    CACHE.set(node, cached);
  }
  return cached;
}

/** Delivery footprints by share and connection key, built once each. */
const DELIVERY_CACHE = new Map<string, readonly string[]>();

function deliveryFootprintOf(share: BrokerShare | 'client', from: string, to: string): readonly string[] {
  const cacheKey = `${share}|${from}>${to}`;
  let cached = DELIVERY_CACHE.get(cacheKey);
  if (cached === undefined) {
    const link = linkResource(from, to);
    cached = share === 'client' ? [...nodeFootprints(to).full, link] : [to, ...SHARED_BY[share], link];
    DELIVERY_CACHE.set(cacheKey, cached);
  }
  return cached;
}

/** What a broker's handling of `body` may share (BrokerShare). */
function brokerShare(state: ClusterState, brokerId: number, body: Rpc): BrokerShare {
  if (body.type === 'Fetch') {
    // A leader proposes an ISR expansion (an id) only for a follower outside its ISR, and only
    // while no change is pending (leader.ts maybeExpandIsr).
    const replica = state.brokers[brokerId - 1].replicas[body.partition];
    return replica && replica.isrChange === null && !replica.isr.includes(body.replicaId) ? 'both' : 'ghost';
  }
  return BROKER_SHARE[body.type] ?? 'both';
}

function deliveryFootprint(state: ClusterState, event: Extract<ClusterEvent, { type: 'deliver' }>): readonly string[] {
  const brokerId = brokerIdOf(event.to);
  if (brokerId < 0) return deliveryFootprintOf(event.to === CONTROLLER ? 'none' : 'client', event.from, event.to);
  const connection = state.network.connections.find((c) => c.from === event.from && c.to === event.to);
  const head = connection?.inFlight[0];
  return deliveryFootprintOf(head === undefined ? 'both' : brokerShare(state, brokerId, head.body), event.from, event.to);
}

function timerFootprint(state: ClusterState, id: string): readonly string[] | null {
  const timer = state.timers.find((t) => t.id === id);
  if (timer === undefined || timer.dueMs > state.nowMs) return null;
  const footprints = nodeFootprints(timer.node);
  if (timer.node === READER || timer.node === CONTROLLER) return footprints.full;
  return brokerIdOf(timer.node) > 0 && BROKER_TIMERS_OWN_ONLY.has(timer.kind) ? footprints.own : footprints.full;
}

/** A fault's footprint, with the fault budget when one fault is left (see the top of this file). */
function withFaultBudget(state: ClusterState, footprint: readonly string[]): readonly string[] {
  return state.faultCounts.total + 1 < state.config['model.faults.max'] ? footprint : [...footprint, FAULTS];
}

export function clusterFootprint(state: ClusterState, event: ClusterEvent): readonly string[] | null {
  switch (event.type) {
    case 'deliver':
      return deliveryFootprint(state, event);
    case 'timer':
      return timerFootprint(state, event.id);
    case 'send':
      return nodeFootprints(event.producer).full;
    case 'flush':
      // The OS write-back moves only the broker's flushed marks. (Not a resume: the timers the
      // broker missed while paused are overdue, and come before every timer due now.)
      return nodeFootprints(`broker-${event.broker}`).own;
    case 'partition':
      return withFaultBudget(state, cutFootprint(event));
    case 'elect':
      return withFaultBudget(state, ELECT_FOOTPRINT);
    default:
      return null;
  }
}
