export type { Model, ModelEvent, AnyModel } from './model.ts';
export { ModelAssertionError, assert, assertNever } from './assert.ts';
export { createRng, subSeed, type Rng } from './rng.ts';
export { hashString } from './fingerprint.ts';
export { traceToJsonLines, traceToText, type TraceStep } from './trace.ts';
