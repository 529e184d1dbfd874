import {
  type DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { createDataSource, runMigrations } from '@inner-circle/persistence';
import { DataSource } from 'typeorm';

export interface DatabaseModuleOptions {
  url: string;
  poolSize: number;
  applicationName: string;
  /** Apply pending migrations at boot (embedded mode and single-instance setups). */
  migrate: boolean;
}

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseModule.name);

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          useFactory: async () => {
            const dataSource = createDataSource(options);
            await dataSource.initialize();
            if (options.migrate) {
              const applied = await runMigrations(dataSource);
              if (applied.length) new Logger(DatabaseModule.name).log({ applied }, 'migrations applied');
            }
            return dataSource;
          },
        },
      ],
      exports: [DataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    this.logger.log('database pool closed');
  }
}
