/**
 * Swarm testing (Groce et al.; TigerBeetle's options_swarm): each random run draws its own mix
 * of event weights, so some runs hammer one fault, others never inject it, others are mostly
 * workload. Weights are drawn per event type from the run's own sub-seed, independently of the
 * order in which types first appear, so the mix is a pure function of (run seed, type).
 */
import { createRng, subSeed, type Rng } from '../../model/kernel/rng.ts';

/** Per fault type: off, low, high. The model only lists faults it allows (model.faults, .max). */
export const FAULT_WEIGHTS: readonly number[] = [0, 0.05, 0.3];
/** Per non-fault type (deliveries, timers, workload): always much likelier than faults. */
export const NON_FAULT_WEIGHTS: readonly number[] = [1, 4];

export class SwarmMix<E extends { type: string }> {
  private readonly weights = new Map<string, number>();

  constructor(
    private readonly runSeed: string,
    private readonly isFault: (event: E) => boolean,
  ) {}

  /** The weight of an event: its type's weight in this run's mix. */
  weightOf(event: E): number {
    const fault = this.isFault(event);
    const key = `${fault ? 'fault' : 'event'}:${event.type}`;
    let weight = this.weights.get(key);
    if (weight === undefined) {
      weight = createRng(subSeed(this.runSeed, `swarm/${key}`)).pick(fault ? FAULT_WEIGHTS : NON_FAULT_WEIGHTS);
      this.weights.set(key, weight);
    }
    return weight;
  }

  /** A weighted pick among `enabled`; null when every enabled event weighs 0 (ends the fault phase). */
  choose(enabled: readonly E[], rng: Rng): E | null {
    let total = 0;
    for (const event of enabled) total += this.weightOf(event);
    if (total <= 0) return null;
    let remaining = rng.next() * total;
    for (const event of enabled) {
      const weight = this.weightOf(event);
      if (weight <= 0) continue;
      if (remaining < weight) return event;
      remaining -= weight;
    }
    for (let i = enabled.length - 1; i >= 0; i--) if (this.weightOf(enabled[i]) > 0) return enabled[i];
    return null;
  }

  /** The weights drawn so far, by "fault:<type>" or "event:<type>", sorted (for reports). */
  drawn(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const key of [...this.weights.keys()].sort()) out[key] = this.weights.get(key)!;
    return out;
  }
}
