/**
 * Swarm testing (Groce et al.; TigerBeetle's options_swarm): each random run draws its own mix
 * of event weights, so some runs hammer one fault, others never inject it, others are mostly
 * workload. Weights are drawn per event type from the run's own sub-seed, independently of the
 * order in which types first appear, so the mix is a pure function of (run seed, type).
 */
import type { EnabledEntry } from '../../model/kernel/model.ts';
import { pickOnce, subSeed, type Rng } from '../../model/kernel/rng.ts';

/** Per fault type: off, low, high. The model only lists faults it allows (model.faults, .max). */
export const FAULT_WEIGHTS: readonly number[] = [0, 0.05, 0.3];
/**
 * Per non-fault type (deliveries, timers, workload, recoveries such as heal, restart and the OS
 * write-back): usually much likelier than faults, but some runs make a type rare, so that runs
 * where a cut stays open, a crashed broker stays down or nothing is flushed get explored too.
 */
export const NON_FAULT_WEIGHTS: readonly number[] = [0.02, 0.3, 1, 4];

export class SwarmMix<E extends { type: string }> {
  /** Weights drawn so far, by event type (whether a type is a fault is kept for drawn()). */
  private readonly weights = new Map<string, number>();
  private readonly faultTypes = new Set<string>();
  /** The weights of the events being chosen among, reused from one choice to the next. */
  private readonly scratch: number[] = [];

  /** `isFault` must decide by the event's type alone (Model.isFault). */
  constructor(
    private readonly runSeed: string,
    private readonly isFault: (event: E) => boolean,
  ) {}

  /** The weight of an event: its type's weight in this run's mix. */
  weightOf(event: E): number {
    const weight = this.weights.get(event.type);
    return weight === undefined ? this.draw(event) : weight;
  }

  /** Draws the weight of the event's type from the run's sub-seed of it, once per run and type. */
  private draw(event: E): number {
    const fault = this.isFault(event);
    const weight = pickOnce(subSeed(this.runSeed, `swarm/${fault ? 'fault' : 'event'}:${event.type}`), fault ? FAULT_WEIGHTS : NON_FAULT_WEIGHTS);
    this.weights.set(event.type, weight);
    if (fault) this.faultTypes.add(event.type);
    return weight;
  }

  /**
   * A weighted pick among `enabled`; null when every enabled event weighs 0 (ends the fault phase).
   * Models list events of one type together (a fault kind's instances), so the weight is looked up
   * once per run of one type.
   */
  choose(enabled: readonly E[], rng: Rng): E | null {
    // A list of single events is a list of entries without runs: the same weights, draw and pick.
    return this.chooseEntry(enabled, rng);
  }

  /**
   * choose() over the flattened entries, without flattening them: the same weights added in the
   * same order, the same single draw, the same pick (a run's events each weigh its type's weight).
   */
  chooseEntry(entries: readonly EnabledEntry<E>[], rng: Rng): E | null {
    const weights = this.scratch;
    let total = 0;
    // Events of one type come together: the weight is looked up once per change of type.
    let type = '';
    let typeWeight = 0;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      if (isRun(entry)) {
        const weight = entry.length === 0 ? 0 : this.weightOf(entry[0]);
        weights[i] = weight;
        for (let j = 0; j < entry.length; j++) total += weight;
      } else {
        if (entry.type !== type) {
          type = entry.type;
          typeWeight = this.weightOf(entry);
        }
        weights[i] = typeWeight;
        total += typeWeight;
      }
    }
    if (total <= 0) return null;
    let remaining = rng.next() * total;
    for (let i = 0; i < entries.length; i++) {
      const weight = weights[i];
      if (weight <= 0) continue;
      const entry = entries[i];
      if (!isRun(entry)) {
        if (remaining < weight) return entry;
        remaining -= weight;
        continue;
      }
      for (let j = 0; j < entry.length; j++) {
        if (remaining < weight) return entry[j];
        remaining -= weight;
      }
    }
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i];
      if (weights[i] > 0 && (!isRun(entry) || entry.length > 0)) return isRun(entry) ? entry[entry.length - 1] : entry;
    }
    return null;
  }

  /** The weights drawn so far, by "fault:<type>" or "event:<type>", sorted (for reports). */
  drawn(): Record<string, number> {
    const all: [string, number][] = [
      ...[...this.weights].map(([type, weight]): [string, number] => [`${this.faultTypes.has(type) ? 'fault' : 'event'}:${type}`, weight]),
    ];
    return Object.fromEntries(all.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

function isRun<E>(entry: EnabledEntry<E>): entry is readonly E[] {
  return Array.isArray(entry);
}
