/**
 * A named scenario: a config (Kafka keys plus model.* workload and fault mix), an engine budget,
 * and an expectation. JSON scenario files have the same shape with "format": "kmc-scenario/1".
 */
export type Expectation = 'hold' | string[];

export interface EngineBudget {
  engine: 'random' | 'guided' | 'pbt' | 'exhaustive';
  /** Random and pbt: runs (walks) to try. */
  runs: number;
  /** Most events in one run's fault phase. */
  stepsMax: number;
  /** Exhaustive: depth and distinct-state bounds. */
  depthMax?: number;
  statesMax?: number;
}

export interface Scenario {
  name: string;
  title: string;
  /** Why this scenario exists and what it shows, with its Kafka source. */
  doc: string;
  config: Record<string, string | number | boolean>;
  expect: Expectation;
  budget: EngineBudget;
  /** Default seed; --seed overrides. */
  seed: string;
  /** The model the scenario runs: the replicated-log cluster (default) or the consumer-group model. */
  model?: 'cluster' | 'group';
}
