/** DI token for the validated `AppConfig` (loaded once, before Nest starts). */
export const APP_CONFIG = Symbol('APP_CONFIG');
