import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useSubscription } from 'urql';
import { useAccess } from './components/access-context';
import type { ApiKeyScope } from './gql/graphql';
import { TierChangedSubscription } from './graphql/operations';
import { routeHref, type Route } from './routing/route';
import { useRoute } from './routing/use-route';

// Each screen is its own chunk: the charts' code loads with the first screen that draws one.
const CampaignsScreen = lazy(() =>
  import('./screens/campaigns/campaigns-screen').then((m) => ({ default: m.CampaignsScreen })),
);
const CustomerPage = lazy(() =>
  import('./screens/customers/customer-page').then((m) => ({ default: m.CustomerPage })),
);
const CustomersScreen = lazy(() =>
  import('./screens/customers/customers-screen').then((m) => ({ default: m.CustomersScreen })),
);
const InnerCircleScreen = lazy(() =>
  import('./screens/inner-circle/inner-circle-screen').then((m) => ({ default: m.InnerCircleScreen })),
);
const InsightsScreen = lazy(() =>
  import('./screens/insights/insights-screen').then((m) => ({ default: m.InsightsScreen })),
);
const LadderScreen = lazy(() =>
  import('./screens/ladder/ladder-screen').then((m) => ({ default: m.LadderScreen })),
);
const SettingsScreen = lazy(() =>
  import('./screens/settings/settings-screen').then((m) => ({ default: m.SettingsScreen })),
);

const NAV: { route: Route; label: string; scope?: ApiKeyScope }[] = [
  { route: { screen: 'inner-circle' }, label: 'Inner circle', scope: 'CustomersRead' },
  { route: { screen: 'customers' }, label: 'Customers', scope: 'CustomersRead' },
  { route: { screen: 'ladder' }, label: 'Ladder' },
  { route: { screen: 'insights' }, label: 'Insights', scope: 'InsightsRead' },
  { route: { screen: 'campaigns' }, label: 'Campaigns', scope: 'CustomersRead' },
  { route: { screen: 'settings' }, label: 'Settings', scope: 'Admin' },
];

function NavItem({
  route,
  label,
  scope,
  current,
}: {
  route: Route;
  label: string;
  scope?: ApiKeyScope;
  current: boolean;
}) {
  const verdict = useAccess(scope ?? 'CustomersRead');
  if (scope && !verdict.allowed) {
    return (
      <li>
        <span className="nav-disabled" aria-disabled="true">
          {label}
          <span className="reason">{verdict.reason}</span>
        </span>
      </li>
    );
  }
  return (
    <li>
      <a href={routeHref(route)} aria-current={current ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
}

function sameScreen(a: Route, b: Route) {
  return a.screen === b.screen || (a.screen === 'customer' && b.screen === 'customers');
}

/** The latest tier change, announced politely: the screens themselves refresh through the cache. */
function LiveFeed() {
  const canRead = useAccess('CustomersRead').allowed;
  const [{ data }] = useSubscription({ query: TierChangedSubscription, pause: !canRead });
  const event = data?.tierChanged;
  return (
    <p className="live" aria-live="polite">
      <span className={`dot ${canRead ? 'on' : ''}`} aria-hidden="true" />
      {event
        ? `${event.customerExternalRef} ${event.direction === 'UP' ? 'moved up to' : 'moved to'} ${event.newTier?.name ?? 'no tier'}`
        : canRead
          ? 'Live'
          : 'Live updates need customers:read'}
    </p>
  );
}

export function Shell({ businessName, onSignOut }: { businessName: string; onSignOut: () => void }) {
  const route = useRoute();
  const mainRef = useRef<HTMLElement>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => {
    setMenuOpen(false);
    mainRef.current?.focus();
  }, [route]);
  return (
    <div className="shell">
      <a className="skip" href="#main" onClick={(e) => (e.preventDefault(), mainRef.current?.focus())}>
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Inner Circle</span>
        <span className="business">{businessName}</span>
        <LiveFeed />
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          Menu
        </button>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <nav id="nav" aria-label="Screens" className={menuOpen ? 'open' : ''}>
        <ul>
          {NAV.map((item) => (
            <NavItem key={item.label} {...item} current={sameScreen(route, item.route)} />
          ))}
        </ul>
      </nav>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Suspense fallback={<p aria-busy="true">Loading…</p>}>
          <Screen route={route} />
        </Suspense>
      </main>
    </div>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'inner-circle':
      return <InnerCircleScreen />;
    case 'customers':
      return <CustomersScreen />;
    case 'customer':
      return <CustomerPage id={route.id} />;
    case 'ladder':
      return <LadderScreen />;
    case 'insights':
      return <InsightsScreen />;
    case 'campaigns':
      return <CampaignsScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}
