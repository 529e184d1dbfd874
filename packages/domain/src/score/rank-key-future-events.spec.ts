import { NOW } from '../../test/fixtures.js';
import { InteractionType } from './interaction.js';
import { scoreAt } from './score-at.js';
import { scoreFromRankKey, scoreRankKey } from './score-rank-key.js';
import { scoreStateOf } from './score-state-of.js';
import { defaultScoringSettings } from './scoring-settings.js';

const HOUR = 3_600_000;

describe('the rank key of a customer whose newest event is after `now`', () => {
  // The api and the worker accept events dated up to a day ahead of their clock, and the worker
  // decides with scoreFromRankKey(key, now). The key extrapolates the decay backwards past the
  // newest event, so the score it reads grows: 2^(23/24) ≈ 1.94× with a one-day half-life.
  // Known bug (adversarial review): fails until the key or the reading clamps at asOf.
  it.failing('reads no more than the score at the newest event (scoreAt clamps there)', () => {
    const settings = { ...defaultScoringSettings, halfLifeDays: 1 };
    const state = scoreStateOf(
      [{ id: 'v', type: InteractionType.VISIT, occurredAt: new Date(NOW.getTime() + 23 * HOUR) }],
      settings,
    );
    const read = scoreFromRankKey(scoreRankKey(state, settings), NOW, settings);
    expect(read).toBeCloseTo(scoreAt(state, NOW, settings), 9);
  });
});
