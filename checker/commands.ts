/**
 * The command lines that reproduce a finding (STYLE.md: a failure starts with the command that
 * replays it). Arguments are shell-quoted only when they need it.
 */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function setArgs(set: Record<string, string> | undefined): string {
  return Object.entries(set ?? {})
    .map(([key, value]) => ` --set ${shellQuote(`${key}=${value}`)}`)
    .join('');
}

/** `npx kmc replay FILE`: replays a counterexample file exactly, without the seed. */
export function replayFileCommand(file: string): string {
  return `npx kmc replay ${shellQuote(file)}`;
}

/** `npx kmc replay --scenario S --seed X [--path P] [--set k=v]...`. */
export function replaySeedCommand(scenarioRef: string, seed: string, set?: Record<string, string>, path?: string): string {
  const pathArg = path === undefined ? '' : ` --path ${shellQuote(path)}`;
  return `npx kmc replay --scenario ${shellQuote(scenarioRef)} --seed ${shellQuote(seed)}${pathArg}${setArgs(set)}`;
}

/** `npx kmc check --scenario S [--set k=v]... [--engine E --seed X]`: runs the scenario's search again. */
export function checkCommand(scenarioRef: string, set?: Record<string, string>, search?: { engine: string; seed: string }): string {
  const searchArgs = search === undefined ? '' : ` --engine ${shellQuote(search.engine)} --seed ${shellQuote(search.seed)}`;
  return `npx kmc check --scenario ${shellQuote(scenarioRef)}${setArgs(set)}${searchArgs}`;
}

/** `npx kmc explore --scenario S --seed X --depth-max D --states-max N [--set k=v]...`. */
export function exploreCommand(scenarioRef: string, bounds: { seed: string; depthMax: number; statesMax: number; set?: Record<string, string> }): string {
  return `npx kmc explore --scenario ${shellQuote(scenarioRef)} --seed ${shellQuote(bounds.seed)} --depth-max ${bounds.depthMax} --states-max ${bounds.statesMax}${setArgs(bounds.set)}`;
}
