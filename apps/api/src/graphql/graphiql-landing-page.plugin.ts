import type { ApolloDriverPlugin } from './apollo-driver-plugin.js';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

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
 * Replaces Apollo's landing page (loaded from Apollo's CDN) with GraphiQL rendered as
 * one self-contained HTML page, so the IDE works with no network at all.
 */
export function graphiqlLandingPagePlugin(endpoint: string): ApolloDriverPlugin {
  const html = renderGraphiQL({ title: 'Inner Circle GraphiQL', endpoint, defaultQuery: DEFAULT_QUERY });
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
