export { APP_CONFIG } from './config/app-config.token.js';
export { ConfigModule } from './config/config.module.js';
export { LoggingModule } from './logging/logging.module.js';
export { createLoggerOptions } from './logging/logger-options.js';
export { DatabaseModule, type DatabaseModuleOptions } from './database/database.module.js';
export { DatabaseHealthIndicator } from './database/database.health.js';
export { provideRepositories } from './database/provide-repositories.js';
export { TransportModule } from './messaging/transport.module.js';
export { TransportHealthIndicator } from './messaging/transport.health.js';
