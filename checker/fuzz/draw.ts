/**
 * Drawing config i of a campaign: the base scenario's config with a draw for each varied key, a
 * pure function of (seed, i). Keys are varied swarm-style: each config first draws how many of
 * the varied keys it changes (a quarter, half, or all of them; all when three or fewer are
 * varied), then draws those keys, and the keys whose ranges depend on them, in dependency order.
 * A drawn value equal to the base's is redrawn a few times, so a chosen key usually changes.
 *
 * Legality is the config validator's (resolveConfig: every key's range and Java's cross-key
 * rules). A draw it refuses, or one that changes nothing, is redrawn from the next sub-seed, up to
 * FUZZ_LIMITS.drawAttemptsMax times; then config i is given up, with the rules that were broken.
 */
import { CONFIG_KEYS, ConfigError, configToRecord, type ConfigKey, type KmcConfig } from '../../model/config.ts';
import { createRng, subSeed } from '../../model/kernel/rng.ts';
import { FUZZ_LIMITS } from '../limits.ts';
import { rangeOf } from './vary.ts';
import type { ConfigChanges, ConfigValue } from './changes.ts';


/** The base of a campaign: its config layers (scenario config, --set), resolved. */
export interface FuzzBase {
  layers: readonly Record<string, unknown>[];
  config: KmcConfig;
  record: Record<string, ConfigValue>;
  /** Resolves layers with the validator the campaign's model uses; throws ConfigError. */
  resolve(...layers: Record<string, unknown>[]): KmcConfig;
}

export interface DrawnConfig {
  index: number;
  /** The keys whose value differs from the base, in CONFIG_KEYS order. */
  changes: ConfigChanges;
  config: KmcConfig;
  /** Draws it took (1 when the first was legal). */
  attempts: number;
}

/** A config that no draw made legal: the rules broken, most frequent first, with counts. */
export interface DrawFailure {
  index: number;
  attempts: number;
  reasons: { reason: string; count: number }[];
}

export type DrawOutcome = { ok: true; drawn: DrawnConfig } | { ok: false; failure: DrawFailure };

/** Why a draw that changed nothing is not used. */
export const EQUAL_TO_BASE = 'every drawn value equals the base scenario\'s';

/** The seed of config i's draws (attempt a) and of its search. */
export function configSeed(seed: string, index: number): string {
  return subSeed(seed, `config-${index}`);
}

/**
 * Keys in the order they are drawn: a key after the keys its range reads (depth first by
 * `after`), ties in CONFIG_KEYS order.
 */
export function drawOrder(keys: readonly ConfigKey[]): ConfigKey[] {
  const depth = new Map<ConfigKey, number>();
  const depthOf = (key: ConfigKey, seen: readonly ConfigKey[]): number => {
    const known = depth.get(key);
    if (known !== undefined) return known;
    if (seen.includes(key)) throw new Error(`fuzz space: the ranges of ${[...seen, key].join(' -> ')} depend on each other in a cycle`);
    const after = rangeOf(key)?.after ?? [];
    const value = after.length === 0 ? 0 : 1 + Math.max(...after.map((k) => depthOf(k, [...seen, key])));
    depth.set(key, value);
    return value;
  };
  return [...keys].sort((a, b) => depthOf(a, []) - depthOf(b, []) || CONFIG_KEYS.indexOf(a) - CONFIG_KEYS.indexOf(b));
}

/** The varied keys whose ranges read `key` (directly or through another varied key). */
function dependentsOf(key: ConfigKey, varied: readonly ConfigKey[]): ConfigKey[] {
  const out: ConfigKey[] = [];
  const visit = (k: ConfigKey): void => {
    for (const other of varied) {
      if (!out.includes(other) && (rangeOf(other)?.after ?? []).includes(k)) {
        out.push(other);
        visit(other);
      }
    }
  };
  visit(key);
  return out;
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** One draw: the keys chosen, their values, and the changes from the base (not yet validated). */
function drawOnce(base: FuzzBase, ordered: readonly ConfigKey[], seed: string): ConfigChanges {
  const rng = createRng(seed);
  const rate = ordered.length <= 3 ? 1 : rng.pick([0.25, 0.5, 1]);
  const chosen = new Set(ordered.filter(() => rng.chance(rate)));
  if (chosen.size === 0) chosen.add(rng.pick(ordered));
  for (const key of [...chosen]) for (const dependent of dependentsOf(key, ordered)) chosen.add(dependent);

  const current: Record<string, unknown> = { ...base.config };
  for (const key of ordered) {
    if (!chosen.has(key)) continue;
    const range = rangeOf(key)!;
    let value = range.draw(rng, current as unknown as KmcConfig);
    for (let redraw = 0; redraw < FUZZ_LIMITS.keyRedrawsMax && sameValue(value, base.config[key]); redraw++) value = range.draw(rng, current as unknown as KmcConfig);
    current[key] = value;
  }
  const record = configToRecord(current as unknown as KmcConfig);
  const changes: ConfigChanges = {};
  for (const key of CONFIG_KEYS) if (chosen.has(key) && record[key] !== base.record[key]) changes[key] = record[key];
  return changes;
}

/** Config `index` of the campaign with `seed`, varying `keys` (any order) around `base`. */
export function drawConfig(base: FuzzBase, keys: readonly ConfigKey[], seed: string, index: number): DrawOutcome {
  const ordered = drawOrder(keys);
  const reasons = new Map<string, number>();
  for (let attempt = 0; attempt < FUZZ_LIMITS.drawAttemptsMax; attempt++) {
    const changes = drawOnce(base, ordered, subSeed(configSeed(seed, index), `draw-${attempt}`));
    let reason: string;
    if (Object.keys(changes).length === 0) {
      reason = EQUAL_TO_BASE;
    } else {
      try {
        const config = base.resolve(...base.layers, changes);
        return { ok: true, drawn: { index, changes, config, attempts: attempt + 1 } };
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        reason = error.message;
      }
    }
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const sorted = [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
  return { ok: false, failure: { index, attempts: FUZZ_LIMITS.drawAttemptsMax, reasons: sorted } };
}
