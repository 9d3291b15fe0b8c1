/**
 * A model that throws is a model bug (exit 3), never a property violation. A ModelAssertionError
 * is the model's own consistency check; any other exception from the model or a property is
 * reported the same way, labelled as an exception.
 */
import { ModelAssertionError } from '../model/kernel/assert.ts';

export interface InternalError {
  kind: 'model-assertion' | 'exception';
  message: string;
  /** 1-based step being applied (or checked) when it fired. */
  step: number;
  /** The seed given to model.init. */
  seed: string;
  stack: string | null;
}

export function toInternalError(error: unknown, step: number, seed: string): InternalError {
  const kind = error instanceof ModelAssertionError ? 'model-assertion' : 'exception';
  const message = error instanceof Error ? (kind === 'exception' ? `${error.name}: ${error.message}` : error.message) : String(error);
  const stack = error instanceof Error && error.stack ? error.stack : null;
  return { kind, message, step, seed, stack };
}

/** One line: "model assertion failed at step 12 (seed 42/run-3): leader epoch went backwards". */
export function describeInternalError(error: InternalError): string {
  const what = error.kind === 'model-assertion' ? 'model assertion failed' : 'model threw';
  return `${what} at step ${error.step} (seed ${error.seed}): ${error.message}`;
}
