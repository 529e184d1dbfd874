import type { ApolloDriverPlugin } from './apollo-driver-plugin.js';
import { renderGraphiQLPage } from './graphiql-assets.js';

const DEFAULT_QUERY = `# Paste your API key into the Headers tab:
# { "Authorization": "Bearer ic_..." }
query Business {
  business {
    id
    name
    tiers { rank name entryScore capacity }
  }
}
`;

/**
 * Replaces Apollo's landing page (loaded from Apollo's CDN) with GraphiQL served from this
 * process (no network needed): a small page whose scripts and styles are hashed, compressed
 * and cached assets (see graphiql-assets.ts).
 */
export function graphiqlLandingPagePlugin(endpoint: string): ApolloDriverPlugin {
  // Rendered on the first visit (it loads the IDE's bundle), not when the server starts.
  let page: string | undefined;
  // eslint-disable-next-line @typescript-eslint/require-await -- Apollo's hook is async by contract.
  const html = async () =>
    (page ??= renderGraphiQLPage({ title: 'Inner Circle GraphiQL', endpoint, defaultQuery: DEFAULT_QUERY }));
  return {
    // eslint-disable-next-line @typescript-eslint/require-await -- Apollo's hook is async by contract.
    async serverWillStart() {
      return {
        // eslint-disable-next-line @typescript-eslint/require-await
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}
