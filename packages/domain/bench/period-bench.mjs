// Micro-benchmark of the period and local-day arithmetic that decideTier, checkRedemption and the
// score call on every decision / event. Run: npm run bench:periods (builds dist first).
// Figures are ops per second on this machine; compare runs on the same machine only.
import domain from '../dist/index.js';
import timeZone from '../dist/time/time-zone.js';

const { Period, periodKey, periodStart } = domain;
const { localDayNumber, localMidnightMs } = timeZone;

function measure(name, iterations, body) {
  for (let i = 0; i < Math.min(iterations, 200_000); i++) body(i); // warm-up for the JIT
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) body(i);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { name, opsPerSecond: iterations / seconds };
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
const now = Date.parse('2026-11-27T12:00:00Z');
const zones = ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'America/Asuncion'];
// One instant a minute for a week: what a busy worker sees, mostly inside one period.
const steady = Array.from({ length: 4096 }, (_, i) => new Date(now + i * 60_000));
// Instants scattered over two years: every lookup crosses periods (backfills, replays).
const scattered = Array.from(
  { length: 4096 },
  (_, i) => new Date(now - ((i * 7919) % 730) * DAY - (i % 24) * HOUR),
);

let sink = 0;
const rows = [
  measure('periodKey WEEK, one zone, same week', 5_000_000, (i) => {
    sink += periodKey(steady[i & 4095], Period.WEEK, 'Europe/Paris').length;
  }),
  measure('periodKey MONTH, 4 zones interleaved, same week', 5_000_000, (i) => {
    sink += periodKey(steady[(i >> 2) & 4095], Period.MONTH, zones[i & 3]).length;
  }),
  measure('periodKey WEEK, scattered over 2 years', 2_000_000, (i) => {
    sink += periodKey(scattered[i & 4095], Period.WEEK, 'Europe/Paris').length;
  }),
  measure('periodStart MONTH, scattered over 2 years', 2_000_000, (i) => {
    sink += periodStart(scattered[i & 4095], Period.MONTH, 'America/Asuncion').getTime() & 1;
  }),
  measure('localDayNumber (Europe/Paris)', 5_000_000, (i) => {
    sink += localDayNumber(steady[i & 4095].getTime(), 'Europe/Paris') & 1;
  }),
  measure('localMidnightMs (Europe/Paris, 2 years of days)', 5_000_000, (i) => {
    sink += localMidnightMs(20_000 + (i % 730), 'Europe/Paris') & 1;
  }),
].map((r) => ({
  benchmark: r.name,
  'ops/s': Math.round(r.opsPerSecond).toLocaleString('en-US'),
  'ns/op': (1e9 / r.opsPerSecond).toFixed(1),
}));
console.table(rows);
console.log(`node ${process.version}, sink ${sink % 10}`);
