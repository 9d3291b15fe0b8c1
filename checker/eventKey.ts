/**
 * Events are plain JSON data; two events are the same event when their canonical JSON (keys
 * sorted at every level) is equal. Replay and shrinking compare events this way, so a file whose
 * keys were reordered by an editor still replays.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

export function eventKey(event: unknown): string {
  return canonicalJson(event);
}

/** The element of `candidates` equal to `event`, or undefined. */
export function findEvent<E>(candidates: readonly E[], event: unknown): E | undefined {
  const key = eventKey(event);
  return candidates.find((c) => eventKey(c) === key);
}
