/** The message of the ConfigError `f` throws (bad input, exit 2); fails the test when it throws none. */
import { expect } from 'vitest';

export function configErrorOf(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    expect((error as Error).name).toBe('ConfigError');
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}
