import type { Provider, Type } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Repositories are plain classes over a DataSource; this registers them for injection. */
export function provideRepositories(...repositories: Type<unknown>[]): Provider[] {
  return repositories.map((repository) => ({
    provide: repository,
    useFactory: (dataSource: DataSource) => new repository(dataSource),
    inject: [DataSource],
  }));
}
