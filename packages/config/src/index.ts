export { configSchema, SECRET_VARIABLES, type RawConfig } from './config.schema.js';
export { loadConfig, ConfigError, type AppConfig, type Requirements } from './load-config.js';
export { loadConfigOrExit } from './load-config-or-exit.js';
