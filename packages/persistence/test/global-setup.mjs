import { setupTestServices } from '@inner-circle/dev-services';

export default async function globalSetup() {
  await setupTestServices({ postgres: true });
}
