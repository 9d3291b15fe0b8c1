/**
 * Helpers the models' coverage observers share (Model.coverage): bucketing counts, and noticing
 * the messages sent since the last step on a FIFO network of connections.
 */

/** `count` capped: 0, 1, ..., `top - 1`, then `${top}+`, so a feature never grows without bound. */
export function bucket(count: number, top: number): string {
  return count >= top ? `${top}+` : String(count);
}

/** The relation of `value` to `reference`: '<', '=' or '>'. */
export function relation(value: number, reference: number): string {
  return value < reference ? '<' : value === reference ? '=' : '>';
}

interface SentBody {
  readonly type: string;
  readonly error?: unknown;
}

interface Connection {
  readonly key: string;
  readonly seqNext: number;
  readonly inFlight: readonly { readonly body: SentBody }[];
}

/**
 * Calls `visit` with every message sent on `connections` since the last call (those still in
 * flight: a message sent and delivered or dropped within one step is not seen). `seen` holds
 * each connection's seqNext as of the last call; it is updated.
 */
export function forEachSent(connections: readonly Connection[], seen: Map<string, number>, visit: (body: SentBody) => void): void {
  for (const connection of connections) {
    const before = seen.get(connection.key) ?? 0;
    const sent = connection.seqNext - before;
    if (sent <= 0) continue;
    seen.set(connection.key, connection.seqNext);
    const inFlight = connection.inFlight;
    for (let i = Math.max(0, inFlight.length - sent); i < inFlight.length; i++) visit(inFlight[i].body);
  }
}

/** The features of a sent message worth covering: its error, when it carries one other than NONE. */
export function sentErrorFeature(body: SentBody): string | null {
  const error = body.error;
  return typeof error === 'string' && error !== 'NONE' ? `error:${body.type}:${error}` : null;
}
