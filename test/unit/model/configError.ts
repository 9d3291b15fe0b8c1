/** Test helper: the ConfigError message resolveConfig throws for some layers. */
import { expect } from 'vitest';
import { ConfigError, resolveConfig } from '../../../model/config.ts';

/** The ConfigError message resolveConfig throws for these layers (fails if it does not throw one). */
export function errorOf(...layers: Record<string, unknown>[]): string {
  try {
    resolveConfig(...layers);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`resolveConfig accepted ${JSON.stringify(layers)}`);
}
