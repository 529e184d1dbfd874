import type { AdmissionMode, SetTierLadderInput, TierQuotaPeriod } from '../../gql/graphql';

/** One tier as edited: numbers stay text until sent, so a half-typed value is never lost. */
export interface TierDraft {
  key: string;
  id?: string;
  name: string;
  entryScore: string;
  retainScore: string;
  graceDays: string;
  capacity: string;
  quotaLimit: string;
  quotaPeriod: TierQuotaPeriod;
  admissionMode: AdmissionMode;
  benefits: string;
}

export interface TierLike {
  id: string;
  name: string;
  rank: number;
  entryScore: number;
  retainScore: number;
  graceDays: number;
  capacity?: number | null;
  benefits?: string | null;
  admissionMode: AdmissionMode;
  admissionQuota?: { limit: number; period: TierQuotaPeriod } | null;
}

export function draftsFromTiers(tiers: readonly TierLike[]): TierDraft[] {
  return [...tiers]
    .sort((a, b) => a.rank - b.rank)
    .map((t) => ({
      key: t.id,
      id: t.id,
      name: t.name,
      entryScore: String(t.entryScore),
      retainScore: String(t.retainScore),
      graceDays: String(t.graceDays),
      capacity: t.capacity == null ? '' : String(t.capacity),
      quotaLimit: t.admissionQuota ? String(t.admissionQuota.limit) : '',
      quotaPeriod: t.admissionQuota?.period ?? 'WEEK',
      admissionMode: t.admissionMode,
      benefits: t.benefits ?? '',
    }));
}

export function newTierDraft(key: string): TierDraft {
  return {
    key,
    name: '',
    entryScore: '',
    retainScore: '',
    graceDays: '14',
    capacity: '',
    quotaLimit: '',
    quotaPeriod: 'WEEK',
    admissionMode: 'CONTINUOUS',
    benefits: '',
  };
}

export interface LadderBuild {
  input: SetTierLadderInput | null;
  /** Problems the console can see before asking the API (numbers that are not numbers). */
  fieldErrors: Record<string, string[]>;
}

function parseNumber(
  text: string,
  path: string,
  errors: Record<string, string[]>,
  { integer, optional }: { integer: boolean; optional: boolean },
): number | null {
  const trimmed = text.trim();
  if (trimmed === '') {
    if (!optional) errors[path] = ['Enter a number.'];
    return null;
  }
  const value = Number(trimmed.replace(',', '.'));
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    errors[path] = [integer ? 'Enter a whole number.' : 'Enter a number.'];
    return null;
  }
  return value;
}

/** The drafts as `SetTierLadderInput`, ranks from their order (first = rank 1, the lowest). */
export function buildLadderInput(drafts: readonly TierDraft[]): LadderBuild {
  const fieldErrors: Record<string, string[]> = {};
  const tiers = drafts.map((d, i) => {
    const at = `tiers.${i}`;
    const entryScore = parseNumber(d.entryScore, `${at}.entryScore`, fieldErrors, {
      integer: false,
      optional: false,
    });
    const retainScore = parseNumber(d.retainScore, `${at}.retainScore`, fieldErrors, {
      integer: false,
      optional: false,
    });
    const graceDays = parseNumber(d.graceDays, `${at}.graceDays`, fieldErrors, {
      integer: true,
      optional: false,
    });
    const capacity = parseNumber(d.capacity, `${at}.capacity`, fieldErrors, {
      integer: true,
      optional: true,
    });
    const quota = parseNumber(d.quotaLimit, `${at}.admissionQuota.limit`, fieldErrors, {
      integer: true,
      optional: true,
    });
    return {
      ...(d.id ? { id: d.id } : {}),
      name: d.name,
      rank: i + 1,
      entryScore: entryScore ?? 0,
      retainScore: retainScore ?? 0,
      graceDays: graceDays ?? 0,
      capacity,
      admissionMode: d.admissionMode,
      admissionQuota: quota == null ? null : { limit: quota, period: d.quotaPeriod },
      benefits: d.benefits.trim() === '' ? null : d.benefits,
    };
  });
  if (Object.keys(fieldErrors).length > 0) return { input: null, fieldErrors };
  return { input: { tiers }, fieldErrors };
}

export function moveDraft(drafts: readonly TierDraft[], index: number, delta: -1 | 1): TierDraft[] {
  const target = index + delta;
  if (target < 0 || target >= drafts.length) return [...drafts];
  const next = [...drafts];
  [next[index], next[target]] = [next[target], next[index]];
  return next;
}

export interface MovementLike {
  count: number;
  fromTier?: { name: string; rank: number } | null;
  toTier?: { name: string; rank: number } | null;
}

export type MovementKind = 'up' | 'down' | 'same';

/** Movements grouped for the chart: one bar per current tier, split by where its people go. */
export function summariseMovements(movements: readonly MovementLike[]) {
  const rows = new Map<string, { from: string; rank: number; up: number; down: number; same: number }>();
  for (const m of movements) {
    const from = m.fromTier?.name ?? 'No tier';
    const fromRank = m.fromTier?.rank ?? 0;
    const toRank = m.toTier?.rank ?? 0;
    const kind: MovementKind = toRank > fromRank ? 'up' : toRank < fromRank ? 'down' : 'same';
    const row = rows.get(from) ?? { from, rank: fromRank, up: 0, down: 0, same: 0 };
    row[kind] += m.count;
    rows.set(from, row);
  }
  return [...rows.values()].sort((a, b) => a.rank - b.rank);
}
