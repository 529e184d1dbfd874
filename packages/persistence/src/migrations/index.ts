import { CoreSchema1795780452996 } from './1795780452996-core-schema.js';
import { LadderReevaluation1795784327662 } from './1795784327662-ladder-reevaluation.js';
import { WaitlistAndGraceIndexes1795788601797 } from './1795788601797-waitlist-and-grace-indexes.js';
import { ScoreModelV21796085000000 } from './1796085000000-score-model-v2.js';
import { AdmissionRounds1796090000000 } from './1796090000000-admission-rounds.js';
import { EmbeddedEventLog1796091000000 } from './1796091000000-embedded-event-log.js';
import { RateLimits1796092000000 } from './1796092000000-rate-limits.js';
import { LongWorkProgress1796093500000 } from './1796093500000-long-work-progress.js';
import { TierSeatChanges1796094000000 } from './1796094000000-tier-seat-changes.js';
import { CustomersTierScoreKey1796094500000 } from './1796094500000-customers-tier-score-key.js';

/** In order of application; a committed migration is never edited, only followed. */
export const migrations = [
  CoreSchema1795780452996,
  LadderReevaluation1795784327662,
  WaitlistAndGraceIndexes1795788601797,
  ScoreModelV21796085000000,
  AdmissionRounds1796090000000,
  EmbeddedEventLog1796091000000,
  RateLimits1796092000000,
  LongWorkProgress1796093500000,
  TierSeatChanges1796094000000,
  CustomersTierScoreKey1796094500000,
];
