import {
  INTERACTION_RECORDED_V1,
  InteractionRecordedV1Payload,
  type InteractionRecordedV1Event,
  interactionRecordedV1Example,
} from './events/interaction-recorded.v1.js';
import {
  TIER_CHANGED_V1,
  TierChangedV1Payload,
  type TierChangedV1Event,
  tierChangedV1Example,
} from './events/tier-changed.v1.js';
import {
  TIER_DOWNGRADE_WARNING_V1,
  TierDowngradeWarningV1Payload,
  type TierDowngradeWarningV1Event,
  tierDowngradeWarningV1Example,
} from './events/tier-downgrade-warning.v1.js';
import { Topics, type TopicName } from './topics.js';

/** Every event type this package knows, with its payload class, topic and example. */
export const EVENT_TYPES = {
  [INTERACTION_RECORDED_V1]: {
    payload: InteractionRecordedV1Payload,
    topic: Topics.interactions,
    example: interactionRecordedV1Example,
  },
  [TIER_CHANGED_V1]: {
    payload: TierChangedV1Payload,
    topic: Topics.tierChanges,
    example: tierChangedV1Example,
  },
  [TIER_DOWNGRADE_WARNING_V1]: {
    payload: TierDowngradeWarningV1Payload,
    topic: Topics.tierChanges,
    example: tierDowngradeWarningV1Example,
  },
} as const satisfies Record<string, { payload: new () => object; topic: TopicName; example: unknown }>;

export type EventType = keyof typeof EVENT_TYPES;

/** Discriminated union of every known event: `switch (event.type)` narrows `event.data`. */
export type KnownEvent = InteractionRecordedV1Event | TierChangedV1Event | TierDowngradeWarningV1Event;

export type EventOfType<K extends EventType> = Extract<KnownEvent, { type: K }>;

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_TYPES, type);
}
