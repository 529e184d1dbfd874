#!/usr/bin/env node
// `npm run bench -w @inner-circle/contracts`: µs per event of parseEvent (compiled JSON Schema
// validators) next to the class-validator path it replaced (test/support/class-validator-oracle.ts)
// and next to JSON.parse alone, on the same events in one run. Prints figures; asserts nothing.
//
// Both paths load from their TypeScript sources through the same swc transform Jest uses, so
// neither needs a build and both are compiled alike.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '9' },
    'min-ms': { type: 'string', default: '300' },
  },
});
const EVENTS = Number(values.events);
const ROUNDS = Number(values.rounds);
const MIN_MS = Number(values['min-ms']);

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
registerTypeScript(require);

const contracts = require(join(here, '../src/index.ts'));
const oracle = require(join(here, '../test/support/class-validator-oracle.ts'));

const fixtures = buildFixtures(EVENTS);
const invalid = buildInvalidFixtures(fixtures);

// Sanity: both paths agree on every fixture before anything is timed.
for (const raw of [...fixtures, ...invalid]) {
  if (contracts.parseEvent(raw).ok !== oracle.parseEventWithClassValidator(raw).ok) {
    throw new Error(`the two paths disagree on ${raw}`);
  }
}

const cases = [
  ['JSON.parse only (floor)', (raw) => JSON.parse(raw)],
  ['class-validator (before)', (raw) => oracle.parseEventWithClassValidator(raw)],
  ['compiled schemas (now)', (raw) => contracts.parseEvent(raw)],
];

console.log(
  `parseEvent, ${fixtures.length} valid events (interactions of every type 80 %, tier changes 15 %, warnings 5 %) ` +
    `and ${invalid.length} invalid ones; median of ${ROUNDS} rounds; node ${process.version}; ` +
    `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
);
const results = {};
for (const [label, events] of [
  ['valid', fixtures],
  ['invalid', invalid],
]) {
  for (const [name, parse] of cases) results[`${label}:${name}`] = measure(parse, events);
}

const row = (label, name) => results[`${label}:${name}`];
const table = [];
for (const label of ['valid', 'invalid']) {
  const before = row(label, 'class-validator (before)');
  for (const [name] of cases) {
    const us = row(label, name);
    table.push({
      events: label,
      path: name,
      'CPU µs/event': us.toFixed(2),
      'events per CPU-s': Math.round(1e6 / us).toLocaleString('en-US'),
      'vs before': name.startsWith('JSON') ? '' : `${(before / us).toFixed(1)}×`,
    });
  }
}
console.table(table);
const validationBefore = row('valid', 'class-validator (before)') - row('valid', 'JSON.parse only (floor)');
const validationNow = row('valid', 'compiled schemas (now)') - row('valid', 'JSON.parse only (floor)');
console.log(
  `validation alone (minus JSON.parse), valid events: before ${validationBefore.toFixed(2)} µs, ` +
    `now ${validationNow.toFixed(2)} µs (${(validationBefore / validationNow).toFixed(1)}× less)`,
);

/**
 * Median CPU µs (user + system of this process) per event over ROUNDS rounds of at least MIN_MS
 * of CPU each, after a warm-up round. CPU time, not wall time: on a shared, busy machine the wall
 * clock also counts the time other processes held the core.
 */
function measure(parse, events) {
  let sink = 0;
  const cpuMicros = (since) => {
    const { user, system } = process.cpuUsage(since);
    return user + system;
  };
  const round = () => {
    let count = 0;
    const start = process.cpuUsage();
    let elapsed = 0;
    do {
      for (const raw of events) if (parse(raw)) sink += 1;
      count += events.length;
      elapsed = cpuMicros(start);
    } while (elapsed < MIN_MS * 1000);
    return elapsed / count;
  };
  round();
  const rounds = Array.from({ length: ROUNDS }, round).sort((a, b) => a - b);
  if (sink < 0) console.log(sink);
  return rounds[Math.floor(rounds.length / 2)];
}

function buildFixtures(count) {
  const {
    interactionRecordedV1Example: interaction,
    tierChangedV1Example,
    tierDowngradeWarningV1Example,
  } = contracts;
  const shapes = [
    { type: 'PURCHASE', amount: 42.5, currency: 'EUR' },
    { type: 'PURCHASE', amount: 3, currency: 'USD' },
    { type: 'VISIT' },
    { type: 'VISIT' },
    { type: 'FEEDBACK', rating: 4, comment: 'Friendly staff, quick service.' },
    { type: 'REFERRAL', referredCustomerRef: 'crm-000999' },
    { type: 'CAMPAIGN_REDEMPTION', campaignId: '9c1d2e3f-4a5b-4c6d-8e7f-001122334455' },
  ];
  const hex = (i) => i.toString(16).padStart(12, '0');
  return Array.from({ length: count }, (_, i) => {
    const id = `0b9e4f0e-2f7a-4a53-9d4c-${hex(i)}`;
    const slot = i % 20;
    if (slot < 16) {
      const customerRef = `crm-${String(i % 5000).padStart(6, '0')}`;
      return JSON.stringify({
        ...interaction,
        id,
        subject: `${interaction.data.businessId}:${customerRef}`,
        data: {
          businessId: interaction.data.businessId,
          customerRef,
          interaction: {
            id: `pos-${i}`,
            occurredAt: '2024-05-01T10:14:02.000Z',
            ...shapes[i % shapes.length],
          },
        },
      });
    }
    const example = slot < 19 ? tierChangedV1Example : tierDowngradeWarningV1Example;
    return JSON.stringify({ ...example, id, data: { ...example.data, score: 400 + (i % 500) } });
  });
}

function buildInvalidFixtures(valid) {
  const breakers = [
    (e) => ({ ...e, time: 'yesterday' }),
    (e) => ({ ...e, data: { ...e.data, businessId: 'acme' } }),
    (e) => ({ ...e, data: { ...e.data, extra: 1 } }),
    (e) =>
      e.data.interaction
        ? { ...e, data: { ...e.data, interaction: { ...e.data.interaction, rating: 9 } } }
        : e,
  ];
  return valid
    .slice(0, 400)
    .map((raw, i) => JSON.stringify(breakers[i % breakers.length](JSON.parse(raw))))
    .filter((raw) => !contracts.parseEvent(raw).ok);
}

/** `.ts` through @swc/core (Jest's settings: legacy decorators with metadata), `./x.js` → `./x.ts` when only that exists. */
function registerTypeScript(req) {
  const Module = req('node:module');
  const swc = req('@swc/core');
  const options = {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  };
  Module._extensions['.ts'] = (module, filename) => {
    module._compile(
      swc.transformSync(readFileSync(filename, 'utf8'), { ...options, filename }).code,
      filename,
    );
  };
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    if (parent?.filename && request.startsWith('.') && request.endsWith('.js')) {
      const candidate = join(dirname(parent.filename), request.replace(/\.js$/, '.ts'));
      if (!existsSync(join(dirname(parent.filename), request)) && existsSync(candidate)) return candidate;
    }
    return resolve.call(this, request, parent, ...rest);
  };
}
