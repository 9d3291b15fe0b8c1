/**
 * The shared empty result of a detector that found nothing. State properties run after every
 * model step, so their no-violation path allocates nothing and returns this. It is frozen:
 * callers must never push into a returned Case[].
 */
import type { Case } from './property.ts';

export const NO_CASES: Case[] = Object.freeze([]) as unknown as Case[];
