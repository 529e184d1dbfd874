export { configSchema, SECRET_VARIABLES, type RawConfig } from './config.schema.js';
export { loadConfig, ConfigError, type AppConfig } from './load-config.js';
export { loadConfigOrExit } from './load-config-or-exit.js';
