export const CLOUDEVENTS_SPEC_VERSION = '1.0';
export const JSON_DATA_CONTENT_TYPE = 'application/json';
/**
 * Value of the Kafka `content-type` header for CloudEvents in structured mode
 * (CloudEvents Kafka protocol binding, section 3.2). Optional for readers: they parse
 * the value as a structured event whatever the header says.
 */
export const CLOUDEVENTS_STRUCTURED_CONTENT_TYPE = 'application/cloudevents+json; charset=UTF-8';

/**
 * A CloudEvents 1.0 event in structured JSON mode: the whole envelope, data included,
 * is the Kafka message value.
 *
 * The shape of `components.schemas.CloudEventEnvelope` in asyncapi.yaml, which holds the rules.
 * Required here (stricter than the spec, which makes `time` optional): specversion, id,
 * source, type, time, data. `datacontenttype` may be omitted; when present it must be
 * `application/json`. Extension attributes (any other top-level field) are tolerated as
 * the spec requires and kept on the parsed object.
 */
export class CloudEvent<T = unknown> {
  specversion!: '1.0';

  /** Unique per `source`; consumers deduplicate on it. */
  id!: string;

  /** URI-reference of the producer, e.g. `/inner-circle/api` or `/partners/<name>`. */
  source!: string;

  /** Reverse-DNS type with version suffix, e.g. `com.innercircle.interaction.recorded.v1`. */
  type!: string;

  /** RFC 3339 timestamp of the occurrence as seen by the producer. */
  time!: string;

  /** Here: the message key (`businessId:customerRef` or `businessId:customerId`). */
  subject?: string;

  datacontenttype?: 'application/json';

  data!: T;
}

/** Producer-side metadata for the `build...Event` helpers. */
export interface EventMetadata {
  /** Unique event id (a UUID, or a stable id for outbox rows so re-publishing dedupes). */
  id: string;
  time: Date | string;
  /** URI-reference of the producer, e.g. `/inner-circle/api`. */
  source: string;
  /** Defaults to the event's message key. */
  subject?: string;
}

/** Builds the envelope around an already-validated payload. Does not validate. */
export function buildCloudEvent<TType extends string, T>(
  type: TType,
  data: T,
  meta: EventMetadata & { subject: string },
): CloudEvent<T> & { type: TType } {
  return {
    specversion: CLOUDEVENTS_SPEC_VERSION,
    id: meta.id,
    source: meta.source,
    type,
    time: typeof meta.time === 'string' ? meta.time : meta.time.toISOString(),
    subject: meta.subject,
    datacontenttype: JSON_DATA_CONTENT_TYPE,
    data,
  };
}

/** The Kafka message value for an event (structured mode: the whole envelope as JSON). */
export function serializeEvent(event: CloudEvent): string {
  return JSON.stringify(event);
}
