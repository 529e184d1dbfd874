// Simulated customer populations whose true purchase and dropout processes are known.
// Time runs in days from CALENDAR_START: the calibration window is [0, CUTOFF_DAY) and the
// holdout window [CUTOFF_DAY, HORIZON_DAY). Each generator writes a customer's whole life as
// plain events; splitCustomer turns the calibration part into domain `Interaction`s and counts
// the holdout purchases (what the rankings must predict).
import { createRandom, deriveSeed } from './random.mjs';

export const DAY_MS = 86_400_000;
/** A Monday, so "week" means the same thing for every segment. */
export const CALENDAR_START_MS = Date.UTC(2026, 0, 5);
export const CALIBRATION_WEEKS = 26;
export const HOLDOUT_WEEKS = 26;
export const CUTOFF_DAY = CALIBRATION_WEEKS * 7;
export const HORIZON_DAY = CUTOFF_DAY + HOLDOUT_WEEKS * 7;
/** Customers of the parametric populations are acquired (first purchase) over the first 12 weeks. */
const ACQUISITION_DAYS = 84;

/** Published estimates for the CDNOW sample (time unit: weeks). */
export const CDNOW_BG_NBD = Object.freeze({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }); // Fader, Hardie & Lee 2005
export const CDNOW_PARETO_NBD = Object.freeze({ r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 }); // Fader, Hardie & Lee 2005
/** A café's occasional customers: about one purchase every 6–7 weeks, a 1-in-5 chance to leave after each. */
export const CAFE_BG_NBD = Object.freeze({ r: 1.2, alpha: 8, a: 0.9, b: 4 });

// Amounts in cents, never below 0.50: a zero-amount purchase would be a different question.
const purchase = (day, amount) => ({
  day,
  type: 'PURCHASE',
  amount: Math.max(50, Math.round(amount * 100)) / 100,
});
const visit = (day) => ({ day, type: 'VISIT' });
const HOURS = 1 / 24;
/** A time of day within opening hours (07:00–20:00). */
const openHour = (random) => random.between(7, 20) * HOURS;

const FEEDBACK_COMMENTS = [
  'great coffee',
  'service was slow today',
  'love the new menu',
  'too noisy',
  'friendly staff',
];
function feedback(random, day, commentChance) {
  const rating = 1 + random.weighted([0.05, 0.1, 0.2, 0.35, 0.3]);
  const event = { day, type: 'FEEDBACK', rating };
  if (random.chance(commentChance)) event.comment = random.pick(FEEDBACK_COMMENTS);
  return event;
}

/** Spend per purchase: a customer-level typical basket times a per-purchase wobble. */
const basket = (random, median) => random.logNormal(median, 0.35);

// ── parametric customers ──────────────────────────────────────────────────────────────

/** BG/NBD: Poisson purchases at rate λ ~ Gamma(r, α); after each repeat purchase, gone with p ~ Beta(a, b). */
function bgNbdCustomer(random, { r, alpha, a, b }, extras = noExtras) {
  const lambda = random.gamma(r, alpha) / 7; // per day
  const p = random.beta(a, b);
  const typical = random.logNormal(25, 0.6);
  const birth = random.between(0, ACQUISITION_DAYS);
  const events = [];
  for (let day = birth, purchases = 1; day < HORIZON_DAY; day += random.exponential(lambda), purchases++) {
    events.push(purchase(day, basket(random, typical)));
    extras(random, day, events);
    if (purchases > 1 && random.chance(p)) break; // the drop happens right after a repeat purchase
  }
  return { segment: 'bg-nbd', events, truth: { lambda: lambda * 7, p } };
}

/** Pareto/NBD: Poisson purchases at rate λ ~ Gamma(r, α) during an exponential lifetime of rate μ ~ Gamma(s, β). */
function paretoNbdCustomer(random, { r, alpha, s, beta }) {
  const lambda = random.gamma(r, alpha) / 7;
  const mu = random.gamma(s, beta) / 7;
  const typical = random.logNormal(25, 0.6);
  const birth = random.between(0, ACQUISITION_DAYS);
  const death = birth + random.exponential(mu);
  const events = [purchase(birth, basket(random, typical))];
  for (
    let day = birth + random.exponential(lambda);
    day < Math.min(death, HORIZON_DAY);
    day += random.exponential(lambda)
  )
    events.push(purchase(day, basket(random, typical)));
  return { segment: 'pareto-nbd', events, truth: { lambda: lambda * 7, mu: mu * 7 } };
}

function noExtras() {}

/** A café's casual customer also checks in now and then and rarely leaves feedback. */
function casualExtras(random, day, events) {
  if (random.chance(0.5)) events.push(visit(day));
  if (random.chance(0.05)) events.push(feedback(random, day + 0.01, 0.3));
}

// ── behavioural segments ─────────────────────────────────────────────────────────────

/**
 * Steady regular: a fixed weekday, most weeks, sometimes twice; buys on most visits, leaves
 * feedback with comments now and then and brings a friend once in a while. Leaves after an
 * exponential lifetime (mean `lifetimeWeeks`), or at `leaveDay` when given (a lapsing regular).
 */
function regularCustomer(random, { lifetimeWeeks = 104, leaveDay } = {}) {
  const birth = random.chance(0.5) ? 0 : random.between(0, 91);
  const death = leaveDay ?? birth + random.exponential(1 / (lifetimeWeeks * 7));
  const weekday = random.integer(0, 6);
  const attendance = random.beta(8, 2);
  const secondVisit = random.beta(2, 6);
  const buys = random.beta(6, 2);
  const typical = random.logNormal(7, 0.3);
  const events = [];
  for (let week = Math.floor(birth / 7); week * 7 < HORIZON_DAY; week++) {
    const days = [];
    if (random.chance(attendance)) days.push(week * 7 + weekday);
    if (random.chance(secondVisit)) days.push(week * 7 + random.integer(0, 6));
    for (const whole of days) {
      const day = whole + openHour(random);
      if (day < birth || day >= death || day >= HORIZON_DAY) continue;
      events.push(visit(day));
      if (random.chance(buys)) events.push(purchase(day + 0.001, basket(random, typical)));
      if (random.chance(0.05)) events.push(feedback(random, day + 0.002, 0.6));
      if (random.chance(0.012)) events.push({ day: day + 0.003, type: 'REFERRAL' });
    }
  }
  return { segment: leaveDay === undefined ? 'regular' : 'lapsing regular', events };
}

/** Promotions: three days each, four in the calibration window (the last just before the cut-off), three in the holdout. */
export const PROMOTION_DAYS = [26, 75, 124, 171, 220, 269, 318];
const CALIBRATION_PROMOTIONS = PROMOTION_DAYS.filter((d) => d < CUTOFF_DAY).length;

/**
 * Bursty deal-hunter: shows up for a promotion, crams several discounted purchases into its
 * three days, and comes back for the next one only with a small chance — then is gone.
 */
function dealHunterCustomer(random) {
  const first = random.integer(0, CALIBRATION_PROMOTIONS - 1);
  const staysFor = random.beta(3, 7); // chance to come back for the next promotion
  const typical = random.logNormal(6, 0.4);
  const events = [];
  for (let promo = first; promo < PROMOTION_DAYS.length; promo++) {
    const start = PROMOTION_DAYS[promo];
    const count = 3 + random.poisson(3);
    const daysSeen = new Set();
    for (let k = 0; k < count; k++) {
      const whole = start + random.integer(0, 2);
      const day = whole + openHour(random);
      if (!daysSeen.has(whole)) {
        daysSeen.add(whole);
        events.push(visit(day - 0.001));
      }
      events.push(purchase(day, basket(random, typical)));
      events.push({ day: day + 0.0001, type: 'CAMPAIGN_REDEMPTION', campaignId: `promo-${promo}` });
    }
    if (random.chance(0.1)) events.push({ ...feedback(random, start + 2.9, 0.2), rating: 5 });
    if (random.chance(0.05)) events.push({ day: start + 2.95, type: 'REFERRAL' });
    if (!random.chance(staysFor)) break;
  }
  return { segment: 'deal-hunter', events };
}

/** Occasional big spender: a large basket every couple of months, loyal for years. */
function bigSpenderCustomer(random) {
  const birth = random.chance(0.5) ? 0 : random.between(0, 91);
  const death = birth + random.exponential(1 / (150 * 7));
  const rate = random.gamma(4, 4 * 49); // purchases per day: one every 7 weeks on average
  const typical = random.logNormal(300, 0.5);
  const events = [];
  for (
    let day = birth + random.exponential(rate);
    day < Math.min(death, HORIZON_DAY);
    day += random.exponential(rate)
  ) {
    events.push(visit(day - 0.001), purchase(day, basket(random, typical)));
    if (random.chance(0.2)) events.push(feedback(random, day + 0.001, 0.5));
    if (random.chance(0.03)) events.push({ day: day + 0.002, type: 'REFERRAL' });
  }
  return { segment: 'big spender', events };
}

// ── populations ──────────────────────────────────────────────────────────────────────

function mixture(parts) {
  const weights = parts.map((p) => p.weight);
  return (random) => parts[random.weighted(weights)].make(random);
}

export const POPULATIONS = [
  {
    name: 'bg-nbd-cdnow',
    description:
      'BG/NBD with the CDNOW estimates (r 0.243, α 4.414, a 0.793, b 2.426): sparse buyers, purchases only.',
    trueBgNbd: CDNOW_BG_NBD,
    make: (random) => bgNbdCustomer(random, CDNOW_BG_NBD),
  },
  {
    name: 'pareto-nbd-cdnow',
    description:
      'Pareto/NBD with the CDNOW estimates (r 0.553, α 10.58, s 0.606, β 11.67): dropout in continuous time, purchases only.',
    make: (random) => paretoNbdCustomer(random, CDNOW_PARETO_NBD),
  },
  {
    name: 'bg-nbd-cafe',
    description: 'BG/NBD at café frequency (r 1.2, α 8, a 0.9, b 4), with check-ins and occasional feedback.',
    trueBgNbd: CAFE_BG_NBD,
    make: (random) => ({ ...bgNbdCustomer(random, CAFE_BG_NBD, casualExtras), segment: 'casual' }),
  },
  {
    name: 'mixed-cafe',
    description:
      '45 % casual (café BG/NBD), 20 % steady regulars, 5 % regulars who lapse before the cut-off, 25 % deal-hunters, 5 % big spenders.',
    make: mixture([
      {
        weight: 0.45,
        make: (random) => ({ ...bgNbdCustomer(random, CAFE_BG_NBD, casualExtras), segment: 'casual' }),
      },
      { weight: 0.2, make: (random) => regularCustomer(random) },
      {
        weight: 0.05,
        make: (random) => regularCustomer(random, { leaveDay: random.between(7 * 10, CUTOFF_DAY - 14) }),
      },
      { weight: 0.25, make: dealHunterCustomer },
      { weight: 0.05, make: bigSpenderCustomer },
    ]),
  },
];

/**
 * The customers of one population, known at the cut-off (at least one calibration interaction),
 * each with its calibration `interactions` and what happened in the holdout window.
 */
export function generatePopulation(population, size, seed) {
  const random = createRandom(deriveSeed(seed, population.name));
  const customers = [];
  for (let i = 0; customers.length < size; i++) {
    const customer = splitCustomer(`${population.name}-${i}`, population.make(random));
    if (customer.interactions.length > 0) customers.push(customer);
  }
  return customers;
}

function splitCustomer(id, { segment, events, truth }) {
  events.sort((p, q) => p.day - q.day);
  const interactions = [];
  let futurePurchases = 0;
  const futurePurchaseDays = new Set();
  let futureSpend = 0;
  for (const { day, ...fields } of events) {
    if (day < CUTOFF_DAY) {
      interactions.push({
        id: `${id}-${interactions.length}`,
        ...fields,
        occurredAt: new Date(CALENDAR_START_MS + Math.round(day * DAY_MS)),
      });
    } else if (day < HORIZON_DAY && fields.type === 'PURCHASE') {
      futurePurchases++;
      futurePurchaseDays.add(Math.floor(day));
      futureSpend += fields.amount;
    }
  }
  return {
    id,
    segment,
    truth,
    interactions,
    futurePurchases,
    futurePurchaseDays: futurePurchaseDays.size,
    futureSpend,
  };
}
