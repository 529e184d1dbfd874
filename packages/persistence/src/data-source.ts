// Entry point for the TypeORM CLI (`npm run migration:run -w @inner-circle/persistence`).
import 'reflect-metadata';
import { createDataSource } from './create-data-source.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL: not set (expected postgres://user:password@host:5432/database)');

export default createDataSource({ url, applicationName: 'inner-circle-cli' });
