import { parseRoute, routeHref, type Route } from './route';

describe('routes', () => {
  it('round-trips every screen through the hash', () => {
    const routes: Route[] = [
      { screen: 'inner-circle' },
      { screen: 'customers' },
      { screen: 'customer', id: 'a b/c' },
      { screen: 'ladder' },
      { screen: 'insights' },
      { screen: 'campaigns' },
      { screen: 'settings' },
    ];
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
  });

  it('falls back to the inner circle', () => {
    expect(parseRoute('')).toEqual({ screen: 'inner-circle' });
    expect(parseRoute('#/nowhere')).toEqual({ screen: 'inner-circle' });
  });
});
