import { Period } from '../growth/period.js';
import { isValidTimeZone } from '../time/time-zone.js';
import { AdmissionMode, type TierLadder } from './tier-ladder.js';

export enum LadderProblemCode {
  EMPTY_LADDER = 'EMPTY_LADDER',
  MISSING_ID = 'MISSING_ID',
  MISSING_NAME = 'MISSING_NAME',
  DUPLICATE_ID = 'DUPLICATE_ID',
  DUPLICATE_NAME = 'DUPLICATE_NAME',
  INVALID_RANK = 'INVALID_RANK',
  DUPLICATE_RANK = 'DUPLICATE_RANK',
  INVALID_SCORE = 'INVALID_SCORE',
  RETAIN_ABOVE_ENTRY = 'RETAIN_ABOVE_ENTRY',
  ENTRY_NOT_INCREASING = 'ENTRY_NOT_INCREASING',
  RETAIN_NOT_INCREASING = 'RETAIN_NOT_INCREASING',
  INVALID_CAPACITY = 'INVALID_CAPACITY',
  INVALID_QUOTA_LIMIT = 'INVALID_QUOTA_LIMIT',
  INVALID_QUOTA_PERIOD = 'INVALID_QUOTA_PERIOD',
  INVALID_GRACE_DAYS = 'INVALID_GRACE_DAYS',
  INVALID_TIME_ZONE = 'INVALID_TIME_ZONE',
  INVALID_ADMISSION_MODE = 'INVALID_ADMISSION_MODE',
  ROUNDS_NEED_QUOTA = 'ROUNDS_NEED_QUOTA',
}

export interface LadderProblem {
  /** Where the problem is, e.g. 'tiers[2].retainScore'. */
  path: string;
  code: LadderProblemCode;
  message: string;
}

const isCount = (value: unknown): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isScore = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** Every problem in the ladder (empty when valid). Indexes in paths are positions in `tiers`. */
export function validateLadder(ladder: TierLadder): LadderProblem[] {
  const problems: LadderProblem[] = [];
  const add = (path: string, code: LadderProblemCode, message: string): void => {
    problems.push({ path, code, message });
  };
  if (!isValidTimeZone(ladder.timeZone)) {
    add(
      'timeZone',
      LadderProblemCode.INVALID_TIME_ZONE,
      `"${String(ladder.timeZone)}" is not an IANA time zone (e.g. "Europe/Paris").`,
    );
  }
  const tiers = Array.isArray(ladder.tiers) ? ladder.tiers : [];
  if (tiers.length === 0) add('tiers', LadderProblemCode.EMPTY_LADDER, 'A ladder needs at least one tier.');

  const firstById = new Map<string, number>();
  const firstByName = new Map<string, number>();
  const firstByRank = new Map<number, number>();
  tiers.forEach((tier, i) => {
    const at = `tiers[${i}]`;
    if (typeof tier.id !== 'string' || tier.id.trim() === '') {
      add(`${at}.id`, LadderProblemCode.MISSING_ID, `Tier ${i + 1} needs an id.`);
    } else if (firstById.has(tier.id)) {
      add(
        `${at}.id`,
        LadderProblemCode.DUPLICATE_ID,
        `Id "${tier.id}" is already used by tiers[${firstById.get(tier.id)}].`,
      );
    } else firstById.set(tier.id, i);

    const name = typeof tier.name === 'string' ? tier.name.trim() : '';
    if (name === '') {
      add(`${at}.name`, LadderProblemCode.MISSING_NAME, `Tier ${i + 1} needs a name.`);
    } else if (firstByName.has(name.toLowerCase())) {
      add(
        `${at}.name`,
        LadderProblemCode.DUPLICATE_NAME,
        `Name "${name}" is already used by tiers[${firstByName.get(name.toLowerCase())}].`,
      );
    } else firstByName.set(name.toLowerCase(), i);

    if (!Number.isInteger(tier.rank) || tier.rank < 1) {
      add(
        `${at}.rank`,
        LadderProblemCode.INVALID_RANK,
        `Rank must be a whole number ≥ 1 (1 is the lowest tier).`,
      );
    } else if (firstByRank.has(tier.rank)) {
      add(
        `${at}.rank`,
        LadderProblemCode.DUPLICATE_RANK,
        `Rank ${tier.rank} is already used by tiers[${firstByRank.get(tier.rank)}].`,
      );
    } else firstByRank.set(tier.rank, i);

    const entryOk = isScore(tier.entryScore);
    const retainOk = isScore(tier.retainScore);
    if (!entryOk)
      add(`${at}.entryScore`, LadderProblemCode.INVALID_SCORE, 'entryScore must be a number ≥ 0.');
    if (!retainOk)
      add(`${at}.retainScore`, LadderProblemCode.INVALID_SCORE, 'retainScore must be a number ≥ 0.');
    if (entryOk && retainOk && tier.retainScore > tier.entryScore) {
      add(
        `${at}.retainScore`,
        LadderProblemCode.RETAIN_ABOVE_ENTRY,
        `retainScore (${tier.retainScore}) must not exceed entryScore (${tier.entryScore}).`,
      );
    }
    if (tier.capacity !== undefined && tier.capacity !== null && !isCount(tier.capacity)) {
      add(
        `${at}.capacity`,
        LadderProblemCode.INVALID_CAPACITY,
        'capacity must be a whole number ≥ 0, or empty for no limit.',
      );
    }
    const quota = tier.admissionQuota;
    if (quota !== undefined && quota !== null) {
      if (!isCount(quota.limit)) {
        add(
          `${at}.admissionQuota.limit`,
          LadderProblemCode.INVALID_QUOTA_LIMIT,
          'The admission quota must be a whole number ≥ 0.',
        );
      }
      if (quota.period !== Period.WEEK && quota.period !== Period.MONTH) {
        add(
          `${at}.admissionQuota.period`,
          LadderProblemCode.INVALID_QUOTA_PERIOD,
          'The quota period must be WEEK or MONTH.',
        );
      }
    }
    const mode = tier.admissionMode;
    if (mode !== undefined && mode !== AdmissionMode.CONTINUOUS && mode !== AdmissionMode.ROUNDS) {
      add(
        `${at}.admissionMode`,
        LadderProblemCode.INVALID_ADMISSION_MODE,
        'admissionMode must be CONTINUOUS or ROUNDS.',
      );
    } else if (mode === AdmissionMode.ROUNDS && (quota === undefined || quota === null)) {
      add(
        `${at}.admissionMode`,
        LadderProblemCode.ROUNDS_NEED_QUOTA,
        'A tier that admits in rounds needs an admission quota: its period sets when rounds open.',
      );
    }
    if (!isCount(tier.graceDays)) {
      add(`${at}.graceDays`, LadderProblemCode.INVALID_GRACE_DAYS, 'graceDays must be a whole number ≥ 0.');
    }
  });

  // Thresholds are compared along rank order; tiers whose rank is unusable are left out.
  const ranked = tiers
    .map((tier, index) => ({ tier, index }))
    .filter(({ tier }) => Number.isInteger(tier.rank) && tier.rank >= 1)
    .sort((a, b) => a.tier.rank - b.tier.rank);
  for (let k = 1; k < ranked.length; k++) {
    const lower = ranked[k - 1];
    const upper = ranked[k];
    if (lower.tier.rank === upper.tier.rank) continue;
    if (
      isScore(lower.tier.entryScore) &&
      isScore(upper.tier.entryScore) &&
      upper.tier.entryScore <= lower.tier.entryScore
    ) {
      add(
        `tiers[${upper.index}].entryScore`,
        LadderProblemCode.ENTRY_NOT_INCREASING,
        `entryScore (${upper.tier.entryScore}) must be above the entryScore of the tier ranked below (${lower.tier.entryScore}).`,
      );
    }
    if (
      isScore(lower.tier.retainScore) &&
      isScore(upper.tier.retainScore) &&
      upper.tier.retainScore < lower.tier.retainScore
    ) {
      add(
        `tiers[${upper.index}].retainScore`,
        LadderProblemCode.RETAIN_NOT_INCREASING,
        `retainScore (${upper.tier.retainScore}) must not be below the retainScore of the tier ranked below (${lower.tier.retainScore}).`,
      );
    }
  }
  return problems;
}
