/** Screens live in the URL's hash (`#/customers/<id>`): the api serves one index.html, and a key never appears here. */
export type Route =
  | { screen: 'inner-circle' }
  | { screen: 'customers' }
  | { screen: 'customer'; id: string }
  | { screen: 'ladder' }
  | { screen: 'insights' }
  | { screen: 'campaigns' }
  | { screen: 'settings' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'customers':
      return parts[1] ? { screen: 'customer', id: parts[1] } : { screen: 'customers' };
    case 'ladder':
    case 'insights':
    case 'campaigns':
    case 'settings':
      return { screen: parts[0] };
    default:
      return { screen: 'inner-circle' };
  }
}

export function routeHref(route: Route): string {
  switch (route.screen) {
    case 'customer':
      return `#/customers/${encodeURIComponent(route.id)}`;
    case 'inner-circle':
      return '#/';
    default:
      return `#/${route.screen}`;
  }
}
