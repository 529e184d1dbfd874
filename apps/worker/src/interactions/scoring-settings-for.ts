import { defaultScoringSettings, type ScoringSettings } from '@inner-circle/domain';
import type { BusinessScoringProfile } from '@inner-circle/persistence';

/** A business's stored overrides on top of the domain defaults, in its own time zone. */
export function scoringSettingsFor(profile: BusinessScoringProfile): ScoringSettings {
  const overrides = (profile.scoringSettings ?? {}) as Partial<ScoringSettings>;
  return {
    ...defaultScoringSettings,
    ...overrides,
    weights: { ...defaultScoringSettings.weights, ...overrides.weights },
    dailyCaps: { ...defaultScoringSettings.dailyCaps, ...overrides.dailyCaps },
    timeZone: profile.timeZone,
  };
}
