/**
 * Flags shared by several commands, declared once so their spelling and help agree.
 */
import { OUT_DIR_DEFAULT } from '../checker/scenarioContext.ts';
import type { FlagSpec } from './args.ts';

export const SET_FLAG: FlagSpec = { name: 'set', kind: 'list', valueName: 'key=value', doc: "Override a config key, by Kafka's own name (the README lists them); the scenario then expects hold." };
export const SEED_FLAG: FlagSpec = { name: 'seed', kind: 'value', valueName: 'N', doc: "The seed that makes every choice (default: the scenario's own)." };
export const ENGINE_FLAG: FlagSpec = { name: 'engine', kind: 'value', valueName: 'random|guided|pbt|exhaustive', doc: "The engine (default: the scenario's own)." };
export const TIME_FLAG: FlagSpec = { name: 'time', kind: 'value', valueName: '30s', doc: 'Wall-clock budget per scenario, in ms, s or m.' };
export const JSON_FLAG: FlagSpec = { name: 'json', kind: 'boolean', doc: 'Print one JSON document on stdout (progress stays on stderr).' };
export const OUT_FLAG: FlagSpec = { name: 'out', kind: 'value', valueName: 'DIR', doc: `Where counterexample files are written (default ${OUT_DIR_DEFAULT}).` };
export const WORKERS_FLAG: FlagSpec = { name: 'workers', kind: 'value', valueName: 'N', doc: "Worker threads for the random walks (default: the machine's cores); results are the same for any N." };
export const ALL_VIOLATIONS_FLAG: FlagSpec = { name: 'all-violations', kind: 'boolean', doc: 'Show every violation, not only the first 3 of each scenario.' };
