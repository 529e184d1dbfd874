import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useLearnDenied } from '../../components/access-context';
import { ErrorText, FieldMessages } from '../../components/error-text';
import { formatDate } from '../../components/format';
import { CampaignRedeemers } from './campaign-redeemers';
import { GuardedButton } from '../../components/guarded-button';
import type { CampaignsQuery as CampaignsQueryData } from '../../gql/graphql';
import { describeError, fieldMessages, type DescribedError } from '../../errors/describe-error';
import {
  ActivateCampaignMutation,
  CampaignsQuery,
  CreateCampaignMutation,
  EndCampaignMutation,
  PauseCampaignMutation,
  ScheduleCampaignMutation,
} from '../../graphql/operations';
import {
  allowedActions,
  campaignInput,
  capBars,
  type CampaignAction,
  type CampaignDraft,
} from './campaigns.logic';

type CampaignNode = CampaignsQueryData['campaigns']['edges'][number]['node'];

const ACTION_LABEL: Record<CampaignAction, string> = {
  schedule: 'Schedule',
  activate: 'Activate',
  pause: 'Pause',
  end: 'End',
};

function CampaignCard({ campaign }: { campaign: CampaignNode }) {
  const [, activate] = useMutation(ActivateCampaignMutation);
  const [, schedule] = useMutation(ScheduleCampaignMutation);
  const [, pause] = useMutation(PauseCampaignMutation);
  const [, end] = useMutation(EndCampaignMutation);
  const [error, setError] = useState<DescribedError | null>(null);
  const [startsAt, setStartsAt] = useState('');
  const learn = useLearnDenied();
  const run = async (action: CampaignAction) => {
    const id = campaign.id;
    const result =
      action === 'activate'
        ? await activate({ id })
        : action === 'pause'
          ? await pause({ id })
          : action === 'end'
            ? await end({ id })
            : await schedule({ id, startsAt: startsAt ? new Date(startsAt).toISOString() : null });
    const described = describeError(result.error);
    if (described?.code === 'FORBIDDEN') learn('CampaignsWrite');
    setError(described);
  };
  const actions = allowedActions(campaign.status);
  return (
    <li className="card campaign">
      <h2>
        {campaign.name}{' '}
        <span className={`status status-${campaign.status.toLowerCase()}`}>{campaign.status}</span>
      </h2>
      {campaign.description && <p>{campaign.description}</p>}
      <p className="hint">
        {campaign.startsAt ? `From ${formatDate(campaign.startsAt)}` : 'No start date'}
        {campaign.endsAt && ` to ${formatDate(campaign.endsAt)}`} · audience:{' '}
        {campaign.audience.kind === 'ALL'
          ? 'everyone'
          : `rank ${campaign.audience.minTierRank ?? '?'} and above`}
      </p>
      <p>{campaign.redeemedCount} redeemed.</p>
      {capBars(campaign).map((bar) => (
        <div className="meter" key={bar.label}>
          <span className="meter-label">{bar.label}</span>
          <span className="meter-figure">
            {bar.used} / {bar.limit}
            {bar.used >= bar.limit && <strong> — full</strong>}
          </span>
          <progress
            value={Math.min(bar.used, bar.limit)}
            max={Math.max(bar.limit, 1)}
            aria-label={`${bar.label} cap`}
          />
        </div>
      ))}
      {campaign.stats.byTier.length > 0 && (
        <p className="hint">
          Redeemed by:{' '}
          {campaign.stats.byTier.map((t) => `${t.tier?.name ?? 'no tier'} ${t.count}`).join(', ')}
        </p>
      )}
      <CampaignRedeemers campaignId={campaign.id} redeemedCount={campaign.redeemedCount} />
      {actions.length > 0 && (
        <div className="actions">
          {actions.includes('schedule') && (
            <span className="field inline">
              <label htmlFor={`start-${campaign.id}`}>Start</label>
              <input
                id={`start-${campaign.id}`}
                type="datetime-local"
                value={startsAt}
                onChange={(e) => setStartsAt(e.target.value)}
              />
            </span>
          )}
          {actions.map((a) => (
            <GuardedButton key={a} scope="CampaignsWrite" type="button" onClick={() => void run(a)}>
              {ACTION_LABEL[a]}
            </GuardedButton>
          ))}
        </div>
      )}
      <ErrorText error={error} />
    </li>
  );
}

const EMPTY: CampaignDraft = {
  name: '',
  description: '',
  audience: 'ALL',
  minTierRank: '',
  total: '',
  perCustomer: '',
  perPeriod: '',
  period: 'WEEK',
};

function CreateCampaign() {
  const [draft, setDraft] = useState(EMPTY);
  const [state, create] = useMutation(CreateCampaignMutation);
  const [error, setError] = useState<DescribedError | null>(null);
  const learn = useLearnDenied();
  const set = (patch: Partial<CampaignDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create({ input: campaignInput(draft) });
    const described = describeError(result.error);
    if (described?.code === 'FORBIDDEN') learn('CampaignsWrite');
    setError(described);
    if (!described) setDraft(EMPTY);
  };
  const field = (id: keyof CampaignDraft, label: string, path: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`campaign-${id}`}>{label}</label>
      <input
        id={`campaign-${id}`}
        type={type}
        value={draft[id]}
        onChange={(e) => set({ [id]: e.target.value })}
        aria-describedby={`campaign-${id}-error`}
      />
      <FieldMessages id={`campaign-${id}-error`} messages={fieldMessages(error, path)} />
    </div>
  );
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="new-campaign-title">
      <h2 id="new-campaign-title">New campaign</h2>
      {field('name', 'Name', 'name')}
      {field('description', 'Description (optional)', 'description')}
      <div className="field">
        <label htmlFor="campaign-audience">Audience</label>
        <select
          id="campaign-audience"
          value={draft.audience}
          onChange={(e) => set({ audience: e.target.value as CampaignDraft['audience'] })}
        >
          <option value="ALL">Everyone</option>
          <option value="MIN_TIER_RANK">From a tier rank up</option>
        </select>
      </div>
      {draft.audience === 'MIN_TIER_RANK' &&
        field('minTierRank', 'Lowest tier rank', 'audience.minTierRank', 'number')}
      {field('total', 'Total cap (empty: unlimited)', 'caps.total', 'number')}
      {field('perCustomer', 'Per customer cap', 'caps.perCustomer', 'number')}
      {field('perPeriod', 'Per period cap', 'caps.perPeriod.limit', 'number')}
      <div className="field">
        <label htmlFor="campaign-period">Period</label>
        <select
          id="campaign-period"
          value={draft.period}
          onChange={(e) => set({ period: e.target.value as CampaignDraft['period'] })}
        >
          <option value="WEEK">Week</option>
          <option value="MONTH">Month</option>
        </select>
      </div>
      <GuardedButton scope="CampaignsWrite" type="submit" className="primary" disabled={state.fetching}>
        Create draft
      </GuardedButton>
      <ErrorText error={error && Object.keys(error.fieldErrors).length === 0 ? error : null} />
    </form>
  );
}

export function CampaignsScreen() {
  const [result] = useQuery({ query: CampaignsQuery });
  const error = describeError(result.error);
  return (
    <>
      <h1>Campaigns</h1>
      <div className="columns">
        <section aria-label="Campaign list">
          <ErrorText error={error} />
          {result.data &&
            (result.data.campaigns.edges.length === 0 ? (
              <p>No campaigns yet.</p>
            ) : (
              <ul className="plain">
                {result.data.campaigns.edges.map((e) => (
                  <CampaignCard key={e.node.id} campaign={e.node} />
                ))}
              </ul>
            ))}
        </section>
        <CreateCampaign />
      </div>
    </>
  );
}
