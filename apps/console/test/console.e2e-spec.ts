import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '@inner-circle/dev-services/wait-for';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type ApiTestApp, startApiTestApp } from '../../api/test/api-test-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, 'artifacts');
const WAIT = { timeout: 60_000 };

interface AxeResults {
  passes: unknown[];
  violations: { id: string; impact?: string | null; nodes: { target: string[] }[] }[];
}

interface Tier {
  id: string;
  name: string;
  rank: number;
  members: number;
}

describe('the console in a real browser, on the real api', () => {
  let api: ApiTestApp;
  let key: string;
  let entryScore: number;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const response = await api.graphql<T>(query, { key, variables });
    if (response.errors) throw new Error(response.errors.map((e) => e.message).join('; '));
    return response.data as T;
  }

  async function tiers(): Promise<Tier[]> {
    return (await gql<{ tierLadder: { tiers: Tier[] } }>('{ tierLadder { tiers { id name rank members } } }'))
      .tierLadder.tiers;
  }

  /** Purchases over the last weeks, a feedback and (optionally) a referral: enough for the inner circle. */
  async function loyalHistory(ref: string, referred?: string): Promise<void> {
    const day = 24 * 3600 * 1000;
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * day).toISOString();
    const interactions: Record<string, unknown>[] = [0, 7, 14, 21].map((daysAgo) => ({
      id: `${ref}-purchase-${daysAgo}`,
      customerExternalRef: ref,
      type: 'PURCHASE',
      amount: 80,
      currency: 'EUR',
      occurredAt: at(daysAgo),
    }));
    interactions.push({
      id: `${ref}-feedback`,
      customerExternalRef: ref,
      type: 'FEEDBACK',
      rating: 5,
      occurredAt: at(1),
    });
    if (referred) {
      interactions.push({
        id: `${ref}-referral`,
        customerExternalRef: ref,
        type: 'REFERRAL',
        referredCustomerRef: referred,
        occurredAt: at(2),
      });
    }
    const result = await gql<{ recordInteractions: { errors: { message: string }[] } }>(
      'mutation($input: RecordInteractionsInput!) { recordInteractions(input: $input) { errors { message } } }',
      { input: { interactions } },
    );
    expect(result.recordInteractions.errors).toEqual([]);
  }

  async function innerCircleMembers(): Promise<number> {
    return (await tiers()).find((t) => t.rank === 2)?.members ?? 0;
  }

  /** Screenshot, then axe-core's WCAG A/AA checks (labels, contrast, roles): serious or critical findings fail. */
  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const { checked, violations } = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (options: object) => Promise<AxeResults> } }).axe;
      const results = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
      return {
        checked: results.passes.length,
        violations: results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      };
    });
    expect({ screen: name, violations }).toEqual({ screen: name, violations: [] });
    expect(checked).toBeGreaterThan(5); // the rules did run
  }

  async function go(screen: string, heading: RegExp): Promise<void> {
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: screen }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor(WAIT);
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    api = await startApiTestApp();
    ({ key } = await api.createBusiness('Browser café'));
    await gql('mutation($input: ImportCustomersInput!) { importCustomers(input: $input) { failed } }', {
      input: {
        customers: [
          { externalRef: 'ann', name: 'Ann Archer', email: 'ann@example.com' },
          { externalRef: 'bob', name: 'Bob Baker', email: 'bob@example.com' },
          { externalRef: 'cleo', name: 'Cleo Cole', email: 'cleo@example.com' },
          { externalRef: 'dan', name: 'Dan Drift', email: 'dan@example.com' },
          { externalRef: 'eve', name: 'Eve Early', email: 'eve@example.com' },
          { externalRef: 'fay', name: 'Fay Fisher', email: 'fay@example.com' },
        ],
      },
    });
    await loyalHistory('ann', 'bob');
    await loyalHistory('bob');
    await loyalHistory('cleo', 'dan');
    await gql('mutation($input: InteractionInput!) { recordInteraction(input: $input) { id } }', {
      input: { id: 'dan-visit', customerExternalRef: 'dan', type: 'VISIT' },
    });
    // Scores come from the real pipeline: wait for them, then draw the ladder between the loyal
    // customers and the occasional one, so the test does not depend on the scoring constants.
    const scores = await waitFor(
      async () => {
        const { customers } = await gql<{
          customers: { edges: { node: { externalRef: string; score: number } }[] };
        }>('{ customers(first: 10) { edges { node { externalRef score } } } }');
        const byRef = Object.fromEntries(customers.edges.map((e) => [e.node.externalRef, e.node.score]));
        return ['ann', 'bob', 'cleo', 'dan'].every((ref) => byRef[ref] > 0) ? byRef : undefined;
      },
      'the first scores',
      90_000,
    );
    const loyal = Math.min(scores.ann, scores.bob, scores.cleo);
    expect(scores.dan).toBeLessThan(loyal / 2);
    entryScore = Number((loyal * 0.7).toFixed(2));
    await gql(`mutation($input: SetTierLadderInput!) { setTierLadder(input: $input) { version } }`, {
      input: {
        tiers: [
          {
            name: 'Regulars',
            rank: 1,
            entryScore: scores.dan / 2,
            retainScore: scores.dan / 4,
            graceDays: 7,
          },
          {
            name: 'Inner Circle',
            rank: 2,
            entryScore,
            retainScore: entryScore / 2,
            graceDays: 7,
            capacity: 4,
          },
        ],
      },
    });
    await waitFor(
      async () => ((await innerCircleMembers()) === 3 ? true : undefined),
      'three members',
      90_000,
    );

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  afterEach(() => {
    // Any error in the page's console fails the step that caused it.
    expect(pageErrors).toEqual([]);
  });

  it('signs in with the key, kept out of the URL', async () => {
    await page.goto(api.url);
    await page.getByLabel('API key').fill('not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('An Inner Circle API key starts with “ic_”.').waitFor(WAIT);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /Inner circle/ }).waitFor(WAIT);
    expect(page.url()).not.toContain(key);
    expect(await page.evaluate(() => sessionStorage.getItem('inner-circle.api-key'))).toBe(key);
  });

  it('shows the inner circle and a customer joining it live', async () => {
    await page.getByRole('cell', { name: 'Ann Archer' }).waitFor(WAIT);
    await page.getByText('3 / 4').waitFor(WAIT);
    await loyalHistory('eve');
    // No reload: the tierChanged subscription makes the screen fetch again.
    await page.getByRole('cell', { name: 'Eve Early' }).waitFor(WAIT);
    await page.getByText('4 / 4').waitFor(WAIT);
    // The tier is full now: the next qualifier waits, and the screen says why.
    await loyalHistory('fay');
    await waitFor(async () => {
      const { tierLadder } = await gql<{
        tierLadder: { tiers: { rank: number; waitlist: { totalCount: number } }[] };
      }>('{ tierLadder { tiers { rank waitlist { totalCount } } } }');
      return tierLadder.tiers.find((t) => t.rank === 2)?.waitlist.totalCount === 1 ? true : undefined;
    }, 'Fay on the waitlist');
    // Joining a waitlist is not a tier change (no tierChanged event): the screen shows it when next opened.
    await go('Customers', /Customers/);
    await go('Inner circle', /Inner circle/);
    // The waitlist names the customer, with the score the line is ordered by.
    await page.locator('ol.waitlist').getByRole('link', { name: 'Fay Fisher', exact: true }).waitFor(WAIT);
    await page.getByText('TIER FULL', { exact: true }).waitFor(WAIT);
    await shot('inner-circle');
  });

  it('finds a customer and explains the score', async () => {
    await go('Customers', /Customers/);
    await page.getByLabel('Search name, email or external ref').fill('Cleo');
    await page.getByRole('link', { name: 'Cleo Cole' }).click();
    await page.getByRole('heading', { name: 'Why this score' }).waitFor(WAIT);
    await page.getByText(/Regularity \(\d+ active weeks?\)/).waitFor(WAIT);
    await page.getByText(/→ Inner Circle/).waitFor(WAIT);
    await shot('customer');
    // Lock with a reason, then unlock: the page follows each change.
    await page.getByLabel('Tier', { exact: true }).selectOption({ label: 'Inner Circle' });
    await page.getByLabel('Reason').fill('Founding member');
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByText(/Locked to Inner Circle indefinitely/).waitFor(WAIT);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByText('Not locked: the score decides the tier.').waitFor(WAIT);
  });

  it('reads the what-if of a ladder change, shows field problems next to fields, then saves it', async () => {
    await go('Ladder', /Ladder/);
    const capacity = page
      .locator('fieldset', { hasText: 'Rank 2' })
      .getByLabel('Capacity (empty: unlimited)');
    await capacity.fill('many');
    await page.getByText('Enter a whole number.').waitFor(WAIT);
    const retain = page.locator('fieldset', { hasText: 'Rank 2' }).getByLabel('Retain score');
    await retain.fill(String(entryScore * 10));
    await capacity.fill('2');
    // The API's own validation (retain above entry) comes back as a message beside a field.
    await page.locator('fieldset', { hasText: 'Rank 2' }).locator('.field-error').first().waitFor(WAIT);
    await retain.fill(String(entryScore / 2));
    await page.getByText(/\d+ up, \d+ down, \d+ unchanged/).waitFor(WAIT);
    await page.getByText(/Would wait/).waitFor(WAIT);
    await shot('ladder');
    await page.getByRole('button', { name: 'Save the ladder' }).click();
    await page
      .getByText(/Saved as version \d+\. Customers are being re-placed in the background\./)
      .waitFor(WAIT);
    // The application's progress bar (polled) reaches 100 % once the worker re-placed everyone.
    const progress = page.getByRole('progressbar', { name: /ladder version \d+/i });
    await progress.waitFor(WAIT);
    await page.locator('[role="progressbar"][aria-valuenow="100"]').waitFor({ timeout: 120_000 });
    await page.getByText(/Done: \d+ customers/).waitFor(WAIT);
    await page.getByText(/Ladder version \d+ applied/).waitFor(WAIT);
    await progress.scrollIntoViewIfNeeded();
    await shot('ladder-applied');
    await waitFor(async () => ((await innerCircleMembers()) <= 4 ? true : undefined), 'the ladder applied');
  });

  it('draws the insights', async () => {
    await go('Insights', /Insights/);
    await page.getByRole('heading', { name: 'Customers per tier' }).waitFor(WAIT);
    await page.locator('.recharts-surface').first().waitFor(WAIT);
    await page.getByRole('link', { name: 'Ann Archer' }).waitFor(WAIT);
    await shot('insights');
  });

  it('creates a campaign and shows its cap filling up', async () => {
    await go('Campaigns', /Campaigns/);
    await page.getByLabel('Name', { exact: true }).fill('Free coffee');
    await page.getByLabel('Total cap (empty: unlimited)').fill('2');
    await page.getByRole('button', { name: 'Create draft' }).click();
    const card = page.locator('li.campaign', { hasText: 'Free coffee' });
    await card.getByRole('button', { name: 'Activate' }).click();
    await card.getByText('ACTIVE').waitFor(WAIT);
    const { campaigns } = await gql<{ campaigns: { edges: { node: { id: string } }[] } }>(
      '{ campaigns { edges { node { id } } } }',
    );
    const { customerByExternalRef: ann } = await gql<{ customerByExternalRef: { id: string } }>(
      '{ customerByExternalRef(externalRef: "ann") { id } }',
    );
    for (const n of [1, 2]) {
      await gql('mutation($input: RedeemCampaignInput!) { redeemCampaign(input: $input) { replayed } }', {
        input: { campaignId: campaigns.edges[0].node.id, customerId: ann.id, idempotencyKey: `e2e-${n}` },
      });
    }
    await go('Inner circle', /Inner circle/);
    await go('Campaigns', /Campaigns/);
    await card.getByText('2 / 2').waitFor(WAIT);
    await card.getByText('— full').waitFor(WAIT);
    // Who redeemed: fetched when opened, newest first, with the customer's name and tier then.
    await card.getByText('Who redeemed (2)').click();
    await card.getByRole('link', { name: 'Ann Archer' }).first().waitFor(WAIT);
    await card.getByText('Showing 2 of 2.').waitFor(WAIT);
    await shot('campaigns');
  });

  it('creates an API key and shows it once', async () => {
    await go('Settings', /Settings/);
    await page.getByLabel('Name').fill('Till');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = await page.getByTestId('new-key-secret').textContent(WAIT);
    expect(secret).toMatch(/^ic_/);
    await page.getByRole('cell', { name: 'Till', exact: true }).waitFor(WAIT);
    await shot('settings');
  });

  it('edits the scoring settings after reading their what-if', async () => {
    await go('Settings', /Settings/);
    const scoring = page.locator('section', { has: page.getByRole('heading', { name: 'Scoring settings' }) });
    const before = (await gql<{ scoringSettings: { version: number } }>('{ scoringSettings { version } }'))
      .scoringSettings.version;
    await scoring.getByText(`Version ${before};`, { exact: false }).waitFor(WAIT);
    const halfLife = scoring.getByLabel('Half-life (days)');
    // The console's own check, then the API's (through the what-if), each beside the field.
    await halfLife.fill('soon');
    await scoring.getByText('Enter a number.').waitFor(WAIT);
    await halfLife.fill('0');
    await scoring.locator('#scoring-halfLifeDays-error', { hasNotText: 'Enter a number.' }).waitFor(WAIT);
    await expect(
      scoring.getByRole('button', { name: 'Save the scoring settings' }).isDisabled(),
    ).resolves.toBe(true);
    await halfLife.fill('30');
    await scoring.getByLabel('Referral: weight').fill('16');
    await scoring.getByText(/Of \d+ customers, \d+ would change tier/).waitFor(WAIT);
    await scoring.getByText(/Rank correlation -?\d\.\d\d|Not enough customers/).waitFor(WAIT);
    // The top 20 names its customers (SimulatedScoreRank.customer).
    await scoring
      .getByRole('table', { name: 'The top 20 under the new settings' })
      .getByRole('link', { name: 'Ann Archer' })
      .waitFor(WAIT);
    await shot('scoring-settings');
    const save = scoring.getByRole('button', { name: 'Save the scoring settings' });
    await page.waitForFunction(
      (button) => button !== null && !(button as HTMLButtonElement).disabled,
      await save.elementHandle(),
      WAIT,
    );
    await save.click();
    await scoring.getByText(`Version ${before + 1};`, { exact: false }).waitFor(WAIT);
    const { scoringSettings } = await gql<{
      scoringSettings: { halfLifeDays: number; weights: { referral: number } };
    }>('{ scoringSettings { halfLifeDays weights { referral } } }');
    expect(scoringSettings).toEqual({ halfLifeDays: 30, weights: { referral: 16 } });
  });

  it('erases a customer after confirmation', async () => {
    await go('Customers', /Customers/);
    await page.getByLabel('Search name, email or external ref').fill('Dan');
    await page.getByRole('link', { name: 'Dan Drift' }).click();
    await page.getByRole('button', { name: 'Erase…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Erase for good' }).click();
    await page.getByRole('heading', { level: 1, name: 'Erased customer' }).waitFor(WAIT);
  });

  it('fits a 390 px wide phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Menu' }).click();
    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('link', { name: 'Inner circle' })
      .click();
    await page.getByRole('heading', { level: 1, name: /Inner circle/ }).waitFor(WAIT);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('inner-circle-390');
  });
});
