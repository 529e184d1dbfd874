import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useAccess, useLearnDenied } from '../../components/access-context';
import { ErrorText, FieldMessages } from '../../components/error-text';
import { formatScore } from '../../components/format';
import { GuardedButton } from '../../components/guarded-button';
import { useDebounced } from '../../components/use-debounced';
import { describeError, fieldProblems, type DescribedError } from '../../errors/describe-error';
import { routeHref } from '../../routing/route';
import type {
  ScoringSettingsQuery as ScoringSettingsData,
  SimulateScoringSettingsQuery as SimulateScoringSettingsData,
} from '../../gql/graphql';
import {
  ScoringSettingsQuery,
  SetScoringSettingsMutation,
  SimulateScoringSettingsQuery,
} from '../../graphql/operations';
import {
  buildScoringInput,
  compareTops,
  describeRankCorrelation,
  draftOf,
  isChanged,
  leavingTop,
  rankedName,
  SCALAR_FIELDS,
  SCALAR_LABELS,
  type ScoringDraft,
  TYPE_FIELDS,
  TYPE_LABELS,
} from './scoring-settings.logic';

type Settings = ScoringSettingsData['scoringSettings'];

/** Settings → Scoring: edit the weights, caps and half-life, read the what-if, then save. */
export function ScoringSettingsSection() {
  const [result] = useQuery({ query: ScoringSettingsQuery });
  const error = describeError(result.error);
  const settings = result.data?.scoringSettings;
  return (
    <section className="card" aria-labelledby="scoring-title">
      <h2 id="scoring-title">Scoring settings</h2>
      <ErrorText error={error} />
      {!settings && !error && <p aria-busy="true">Loading the scoring settings…</p>}
      {settings && (
        <>
          <p className="hint">
            Version {settings.version}; weeks follow {settings.timeZone}.{' '}
            {settings.recomputeInProgress
              ? 'Scores are being recomputed under this version: figures may mix both for a while.'
              : 'Every score is computed under this version.'}
          </p>
          {/* The progress of a recompute (components/long-work-progress.tsx) belongs here. */}
          {/* A save bumps the version: the editor then starts again from what was saved. */}
          <ScoringEditor key={settings.version} settings={settings} />
        </>
      )}
    </section>
  );
}

function ScoringEditor({ settings }: { settings: Settings }) {
  const [draft, setDraft] = useState<ScoringDraft>(() => draftOf(settings));
  const [saveError, setSaveError] = useState<DescribedError | null>(null);
  const canWrite = useAccess('TiersWrite');
  const canReadCustomers = useAccess('CustomersRead');
  const learnDenied = useLearnDenied();
  const built = useMemo(() => buildScoringInput(draft), [draft]);
  const changed = isChanged(draft, settings);
  const debouncedInput = useDebounced(changed ? built.input : null, 500);
  const [sim] = useQuery({
    query: SimulateScoringSettingsQuery,
    // Names need customers:read; without it the top shows external refs rather than failing.
    variables: { input: debouncedInput ?? {}, withNames: canReadCustomers.allowed },
    pause: !debouncedInput || !canWrite.allowed,
    requestPolicy: 'network-only',
  });
  const [saveState, save] = useMutation(SetScoringSettingsMutation);
  const simError = describeError(sim.error);
  useEffect(() => {
    if (simError?.code === 'FORBIDDEN') learnDenied('TiersWrite');
  }, [simError?.code, learnDenied]);

  const problems = fieldProblems(built.fieldErrors, saveError, simError);
  const onSave = async () => {
    if (!built.input) return;
    const saved = await save({ input: built.input });
    const described = describeError(saved.error);
    setSaveError(described);
    if (described?.code === 'FORBIDDEN') learnDenied('TiersWrite');
  };
  // Saving needs the what-if of exactly these values, read without a problem.
  const previewShown =
    sim.data !== undefined && !sim.error && !sim.fetching && !sim.stale && debouncedInput === built.input;
  const generalSimError = simError && Object.keys(simError.fieldErrors).length === 0 ? simError : null;

  const input = (id: string, path: string, label: string, value: string, onChange: (v: string) => void) => {
    const messages = problems(path);
    return (
      <>
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          inputMode="decimal"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={messages.length > 0 || undefined}
          aria-describedby={`${id}-error`}
        />
        <FieldMessages id={`${id}-error`} messages={messages} />
      </>
    );
  };

  return (
    <form onSubmit={(e) => e.preventDefault()} aria-label="Edit the scoring settings">
      <div className="columns">
        <fieldset>
          <legend>Decay and bonuses</legend>
          {SCALAR_FIELDS.map((field) => (
            <div className="field" key={field}>
              {input(`scoring-${field}`, field, SCALAR_LABELS[field].label, draft.scalars[field], (v) =>
                setDraft((d) => ({ ...d, scalars: { ...d.scalars, [field]: v } })),
              )}
              <span className="hint">{SCALAR_LABELS[field].hint}</span>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>Points per interaction, and the most a week can earn</legend>
          {TYPE_FIELDS.map((type) => (
            <div className="field-pair" key={type}>
              <div className="field">
                {input(
                  `scoring-weight-${type}`,
                  `weights.${type}`,
                  `${TYPE_LABELS[type]}: weight`,
                  draft.weights[type],
                  (v) => setDraft((d) => ({ ...d, weights: { ...d.weights, [type]: v } })),
                )}
              </div>
              <div className="field">
                {input(
                  `scoring-cap-${type}`,
                  `weeklyCaps.${type}`,
                  `${TYPE_LABELS[type]}: weekly cap (empty: none)`,
                  draft.caps[type],
                  (v) => setDraft((d) => ({ ...d, caps: { ...d.caps, [type]: v } })),
                )}
              </div>
            </div>
          ))}
        </fieldset>
      </div>

      <section aria-labelledby="scoring-whatif-title" className="card" aria-busy={sim.fetching}>
        <h3 id="scoring-whatif-title">What if</h3>
        {!canWrite.allowed && <p className="reason">{canWrite.reason} The what-if needs it too.</p>}
        {!changed && <p className="hint">Change a value to see what it would do to the scores and tiers.</p>}
        <ErrorText error={generalSimError} />
        {simError && !generalSimError && <p className="error">Fix the marked fields to see the what-if.</p>}
        {changed && sim.data && !sim.error && <ScoringWhatIf simulation={sim.data.simulateScoringSettings} />}
      </section>
      <div className="actions">
        <GuardedButton
          scope="TiersWrite"
          type="button"
          className="primary"
          disabled={!changed || !built.input || !previewShown || saveState.fetching}
          onClick={() => void onSave()}
        >
          Save the scoring settings
        </GuardedButton>
        {changed && built.input && !previewShown && canWrite.allowed && (
          <span className="hint">Saving waits for the what-if of these values.</span>
        )}
        <button type="button" disabled={!changed} onClick={() => setDraft(draftOf(settings))}>
          Undo changes
        </button>
      </div>
      <ErrorText error={saveError && Object.keys(saveError.fieldErrors).length === 0 ? saveError : null} />
      {saveError && Object.keys(saveError.fieldErrors).length > 0 && (
        <p className="error">{saveError.message}</p>
      )}
    </form>
  );
}

type Simulation = SimulateScoringSettingsData['simulateScoringSettings'];

function ScoringWhatIf({ simulation }: { simulation: Simulation }) {
  const top = compareTops(simulation.topBefore, simulation.topAfter);
  const leaving = leavingTop(simulation.topBefore, simulation.topAfter);
  return (
    <>
      <p>
        Of {simulation.customerCount} customers, <strong>{simulation.tierChangedCount}</strong> would change
        tier: <strong>{simulation.upgradedCount}</strong> up, <strong>{simulation.downgradedCount}</strong>{' '}
        down.
      </p>
      <p>{describeRankCorrelation(simulation.rankCorrelation)}</p>
      <div className="table-scroll">
        <table>
          <caption>The top 20 under the new settings</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Rank
              </th>
              <th scope="col">Customer</th>
              <th scope="col" className="num">
                Score
              </th>
              <th scope="col">Before</th>
            </tr>
          </thead>
          <tbody>
            {top.map((row) => (
              <tr key={row.customerId}>
                <td className="num">{row.rank}</td>
                <td>
                  <a href={routeHref({ screen: 'customer', id: row.customerId })}>{rankedName(row)}</a>
                </td>
                <td className="num">{formatScore(row.score)}</td>
                <td>
                  {row.previousRank === null
                    ? 'new in the top 20'
                    : row.change === 0
                      ? `#${row.previousRank}, same place`
                      : `#${row.previousRank} (${row.change! > 0 ? '▲' : '▼'} ${Math.abs(row.change!)})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {leaving.length > 0 && (
        <p className="hint">
          Leaving the top 20: {leaving.map((row) => `${rankedName(row)} (#${row.rank})`).join(', ')}.
        </p>
      )}
    </>
  );
}
