/**
 * The random draws partitioners make, from an injected Rng (never an unseeded source), so one
 * seed fixes every choice.
 */
import type { Rng } from '../kernel/rng.ts';
import { toPositive } from './murmur2.ts';

const UINT32_RANGE = 0x1_0000_0000;

/** A uniform unsigned 32-bit integer (what KafkaJS draws from crypto for its round-robin start). */
export function nextUint32(rng: Rng): number {
  return rng.int(UINT32_RANGE);
}

/** Java's `Utils.toPositive(ThreadLocalRandom.current().nextInt())`: uniform in [0, 2^31). */
export function nextPositiveInt(rng: Rng): number {
  return toPositive(nextUint32(rng));
}
