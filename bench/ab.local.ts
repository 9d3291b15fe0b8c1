// Local A/B (not committed): interleaved rounds of the baseline tree and this tree in one process.
const trees = ['/tmp/perf-base', '/work/wt/perf'];
const mods = await Promise.all(trees.map(async (t) => ({
  t,
  check: (await import(`${t}/checker/index.ts`)).checkScenario,
  deps: (await import(`${t}/index.ts`)).clusterDeps,
  scenario: (await import(`${t}/scenarios/findScenario.ts`)).findScenario('acks-all-min-isr-2', (await import(`${t}/scenarios/registry.ts`)).BUILTIN_SCENARIOS),
})));
const sizes: [string, Record<string, string>, number][] = [['3x3', { 'num.partitions': '3' }, 400], ['7x10', { 'model.brokers': '7', 'num.partitions': '10' }, 40]];
const rounds = Number(process.argv[2] ?? 5);
const res: Record<string, number[]> = {};
for (let r = -1; r < rounds; r++) {
  for (const [name, set, runs] of sizes) {
    for (const m of mods) {
      const s = process.cpuUsage();
      const out = m.check(m.scenario, { seed: `ab-${r}`, outDir: null, engine: 'random', runs, set }, m.deps);
      const u = process.cpuUsage(s);
      if (r < 0) continue;
      (res[`${name} ${m.t}`] ??= []).push(out.events / ((u.user + u.system) / 1e6));
    }
  }
}
for (const [k, v] of Object.entries(res)) {
  v.sort((a, b) => a - b);
  console.log(k.padEnd(28), 'median', Math.round(v[Math.floor(v.length / 2)]), 'best', Math.round(v[v.length - 1]));
}
