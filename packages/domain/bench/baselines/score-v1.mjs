// FROZEN BASELINE — "score v1", the domain score as it stood before the v2 rewrite (issue 9),
// copied from packages/domain/src/score/* at commit a8d3f06 (interaction-points.ts, decay.ts,
// score-buckets.ts, compute-score.ts, scoring-settings.ts, time/time-zone.ts). It exists only so
// the predictive bench can compare every later model against it. Never edit it to follow the
// domain: the live score is always the one exported by ../../dist.
//
// v1 in short: each interaction earns points (purchase 2·log1p(amount/10), visit 1, feedback
// 4·rating/5 + 1 with a comment, referral 8, campaign redemption 1.5); per local day and type the
// sum is capped (10, 2, 5, 24, 3); every (day, type) bucket decays from the day's local
// midnight with a 90-day half-life.

const DAY_MS = 86_400_000;
const QUARTER_HOUR_MS = 900_000;

export const scoreV1Settings = Object.freeze({
  halfLifeDays: 90,
  weights: { PURCHASE: 2, VISIT: 1, FEEDBACK: 4, REFERRAL: 8, CAMPAIGN_REDEMPTION: 1.5 },
  dailyCaps: { PURCHASE: 10, VISIT: 2, FEEDBACK: 5, REFERRAL: 24, CAMPAIGN_REDEMPTION: 3 },
  purchaseAmountUnit: 10,
  feedbackCommentBonus: 1,
  timeZone: 'UTC',
});

const formatters = new Map();
const offsets = new Map();

function offsetMsAt(epochMs, timeZone) {
  if (timeZone === 'UTC') return 0;
  const slot = Math.floor(epochMs / QUARTER_HOUR_MS);
  const key = `${timeZone}|${slot}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    let formatter = formatters.get(timeZone);
    if (formatter === undefined) {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
      formatters.set(timeZone, formatter);
    }
    const at = slot * QUARTER_HOUR_MS;
    const v = {};
    for (const part of formatter.formatToParts(new Date(at))) {
      if (part.type !== 'literal') v[part.type] = Number(part.value);
    }
    offset = Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minute, v.second) - at;
    offsets.set(key, offset);
  }
  return offset;
}

function localDayNumber(epochMs, timeZone) {
  return Math.floor((epochMs + offsetMsAt(epochMs, timeZone)) / DAY_MS);
}

function localMidnightMs(dayNumber, timeZone) {
  const wallClock = dayNumber * DAY_MS;
  const firstGuess = wallClock - offsetMsAt(wallClock, timeZone);
  return wallClock - offsetMsAt(firstGuess, timeZone);
}

function pointsV1(interaction, settings) {
  const weight = settings.weights[interaction.type];
  switch (interaction.type) {
    case 'PURCHASE': {
      const amount = interaction.amount;
      if (amount === undefined || !(amount > 0) || !Number.isFinite(amount)) return 0;
      return weight * Math.log1p(amount / settings.purchaseAmountUnit);
    }
    case 'FEEDBACK': {
      const given = interaction.rating;
      const rating = given === undefined || Number.isNaN(given) ? 3 : Math.min(5, Math.max(1, given));
      const bonus =
        interaction.comment !== undefined && interaction.comment.trim() !== ''
          ? settings.feedbackCommentBonus
          : 0;
      return (weight * rating) / 5 + bonus;
    }
    default:
      return weight ?? 0;
  }
}

/** computeScore of v1: the score at `now` from the full event list (later events ignored). */
export function computeScoreV1(interactions, now, settings = scoreV1Settings) {
  const nowMs = now.getTime();
  const rate = Math.LN2 / (settings.halfLifeDays * DAY_MS);
  const buckets = new Map();
  for (const interaction of interactions) {
    const at = interaction.occurredAt.getTime();
    if (!Number.isFinite(at) || at > nowMs) continue;
    const earned = Math.max(0, pointsV1(interaction, settings));
    const day = localDayNumber(at, settings.timeZone);
    const key = `${day}|${interaction.type}`;
    const bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, { day, type: interaction.type, raw: earned });
    else bucket.raw += earned;
  }
  let total = 0;
  for (const { day, type, raw } of buckets.values()) {
    if (!(raw > 0)) continue;
    const capped = Math.min(settings.dailyCaps[type] ?? Infinity, raw);
    total += capped * Math.exp(-rate * (nowMs - localMidnightMs(day, settings.timeZone)));
  }
  return total;
}
