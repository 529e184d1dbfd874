// Types of the generated module beside this file (scripts/generate-validators.js writes the .js;
// this declaration is hand-written and stable: one validator per exported schema).

/** One error as Ajv reports it (the subset the contracts package reads). */
export interface SchemaError {
  /** JSON Pointer of the failing value, e.g. `/interaction/amount` ('' for the root). */
  instancePath: string;
  /** Where in the schema, e.g. `#/definitions/Timestamp/format`. */
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** A compiled validator: true when `data` is valid; otherwise `errors` lists why. */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

export const CloudEventEnvelope: CompiledValidator;
export const InteractionRecordedV1Payload: CompiledValidator;
export const TierChangedV1Payload: CompiledValidator;
export const TierDowngradeWarningV1Payload: CompiledValidator;
/** Event type → name of its payload schema (components.schemas in asyncapi.yaml). */
export const PAYLOAD_SCHEMA_BY_TYPE: Readonly<Record<string, string>>;
