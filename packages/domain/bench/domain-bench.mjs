// The domain's benchmark: speed of the hot paths (ops/s) and the predictive evaluation of the
// score against classic baselines on simulated populations. Run: npm run bench (builds dist
// first); npm run bench -- --help for the options. See README.md in this folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import domain from '../dist/index.js';
import { runPredictive } from './predict.mjs';
import { runSpeed } from './speed.mjs';
import { POPULATIONS } from './lib/populations.mjs';

const HELP = `npm run bench -w @inner-circle/domain -- [options]
  --only speed|predict     run one part (default: both)
  --customers N            customers per simulated population (default 10000)
  --repeats N              seeds per population; the table shows mean ± sd (default 3)
  --seed N                 first seed (default 1)
  --population NAME        only this population (repeatable): ${POPULATIONS.map((p) => p.name).join(', ')}
  --candidate FILE.mjs     also rank by this module's computeScore(interactions, now) (repeatable)
  --seconds S              measuring time per speed benchmark (default 1)
  --simulate-customers N   population of the simulateLadder benchmark (default 1000000)
  --large                  bigger run: 50,000 customers, 5 seeds
  --help`;

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    customers: { type: 'string' },
    repeats: { type: 'string' },
    seed: { type: 'string' },
    population: { type: 'string', multiple: true },
    candidate: { type: 'string', multiple: true },
    seconds: { type: 'string' },
    'simulate-customers': { type: 'string' },
    large: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const positive = (name, raw, fallback) => {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!(value > 0) || !Number.isFinite(value))
    throw new Error(`--${name} must be a positive number, got ${raw}`);
  return value;
};
const options = {
  only: values.only ?? null,
  customers: Math.round(positive('customers', values.customers, values.large ? 50_000 : 10_000)),
  repeats: Math.round(positive('repeats', values.repeats, values.large ? 5 : 3)),
  seed: Math.round(positive('seed', values.seed, 1)),
  populations: values.population ?? null,
  seconds: positive('seconds', values.seconds, 1),
  simulateCustomers: Math.round(positive('simulate-customers', values['simulate-customers'], 1_000_000)),
};
if (options.only !== null && !['speed', 'predict'].includes(options.only))
  throw new Error(`--only must be speed or predict, got ${options.only}`);
for (const name of options.populations ?? [])
  if (!POPULATIONS.some((p) => p.name === name)) throw new Error(`unknown population ${name}`);

const candidates = [];
for (const file of values.candidate ?? []) {
  const module = await import(pathToFileURL(resolve(file)).href);
  if (typeof module.computeScore !== 'function')
    throw new Error(`${file} exports no computeScore(interactions, now)`);
  candidates.push({ name: `candidate ${basename(file, '.mjs')}`, computeScore: module.computeScore });
}
options.candidates = candidates;

const here = dirname(fileURLToPath(import.meta.url));
const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
})();
const startedAt = new Date();
console.log(
  `# Domain bench — ${startedAt.toISOString()}, commit ${commit ?? 'unknown'}, node ${process.version}`,
);

const report = {
  startedAt: startedAt.toISOString(),
  commit,
  node: process.version,
  options: { ...options, candidates: candidates.map((c) => c.name) },
};
if (options.only !== 'predict') report.speed = runSpeed(domain, options);
if (options.only !== 'speed') report.predictive = runPredictive(domain, options);
report.seconds = (Date.now() - startedAt.getTime()) / 1000;

const resultsDir = join(here, 'results');
mkdirSync(resultsDir, { recursive: true });
const file = join(resultsDir, `domain-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(`${report.seconds.toFixed(1)} s; figures written to ${file}`);
