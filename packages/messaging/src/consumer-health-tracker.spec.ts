import { ConsumerHealthTracker } from './consumer-health-tracker.js';

describe('ConsumerHealthTracker', () => {
  it('leaves `fetching` out for transports without group membership', () => {
    const tracker = new ConsumerHealthTracker(1000, () => 0);
    tracker.started();
    expect(tracker.snapshot()).not.toHaveProperty('fetching');
  });

  it('reports fetching only between a fetch and the next rebalance, crash or stop', () => {
    const tracker = new ConsumerHealthTracker(1000, () => 0);
    tracker.trackMembership();
    expect(tracker.snapshot().fetching).toBe(false);
    tracker.started();
    expect(tracker.snapshot()).toMatchObject({ running: true, fetching: false });
    tracker.fetching();
    expect(tracker.snapshot().fetching).toBe(true);
    tracker.joining(); // a rebalance or a crash that will restart
    expect(tracker.snapshot()).toMatchObject({ running: true, fetching: false });
    tracker.fetching();
    tracker.stopped();
    expect(tracker.snapshot()).toMatchObject({ running: false, fetching: false });
  });
});
