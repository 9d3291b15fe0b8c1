/**
 * Swarm testing (Groce et al.; TigerBeetle's options_swarm): each random run draws its own mix
 * of event weights, so some runs hammer one fault, others never inject it, others are mostly
 * workload. Weights are drawn per event type from the run's own sub-seed, independently of the
 * order in which types first appear, so the mix is a pure function of (run seed, type).
 */
import { createRng, subSeed, type Rng } from '../../model/kernel/rng.ts';

/** Per fault type: off, low, high. The model only lists faults it allows (model.faults, .max). */
export const FAULT_WEIGHTS: readonly number[] = [0, 0.05, 0.3];
/**
 * Per non-fault type (deliveries, timers, workload, recoveries such as heal, restart and the OS
 * write-back): usually much likelier than faults, but some runs make a type rare, so that runs
 * where a cut stays open, a crashed broker stays down or nothing is flushed get explored too.
 */
export const NON_FAULT_WEIGHTS: readonly number[] = [0.02, 0.3, 1, 4];

export class SwarmMix<E extends { type: string }> {
  /** Weights drawn so far, by event type: one map for fault events, one for the others. */
  private readonly faultWeights = new Map<string, number>();
  private readonly eventWeights = new Map<string, number>();
  /** The weights of the events being chosen among, reused from one choice to the next. */
  private readonly scratch: number[] = [];

  constructor(
    private readonly runSeed: string,
    private readonly isFault: (event: E) => boolean,
  ) {}

  /** The weight of an event: its type's weight in this run's mix. */
  weightOf(event: E): number {
    const fault = this.isFault(event);
    const weights = fault ? this.faultWeights : this.eventWeights;
    let weight = weights.get(event.type);
    if (weight === undefined) {
      weight = createRng(subSeed(this.runSeed, `swarm/${fault ? 'fault' : 'event'}:${event.type}`)).pick(fault ? FAULT_WEIGHTS : NON_FAULT_WEIGHTS);
      weights.set(event.type, weight);
    }
    return weight;
  }

  /** A weighted pick among `enabled`; null when every enabled event weighs 0 (ends the fault phase). */
  choose(enabled: readonly E[], rng: Rng): E | null {
    const weights = this.scratch;
    let total = 0;
    for (let i = 0; i < enabled.length; i++) {
      const weight = this.weightOf(enabled[i]);
      weights[i] = weight;
      total += weight;
    }
    if (total <= 0) return null;
    let remaining = rng.next() * total;
    for (let i = 0; i < enabled.length; i++) {
      const weight = weights[i];
      if (weight <= 0) continue;
      if (remaining < weight) return enabled[i];
      remaining -= weight;
    }
    for (let i = enabled.length - 1; i >= 0; i--) if (weights[i] > 0) return enabled[i];
    return null;
  }

  /** The weights drawn so far, by "fault:<type>" or "event:<type>", sorted (for reports). */
  drawn(): Record<string, number> {
    const all: [string, number][] = [
      ...[...this.faultWeights].map(([type, weight]): [string, number] => [`fault:${type}`, weight]),
      ...[...this.eventWeights].map(([type, weight]): [string, number] => [`event:${type}`, weight]),
    ];
    return Object.fromEntries(all.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
