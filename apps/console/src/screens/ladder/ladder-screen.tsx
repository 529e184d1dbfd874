import { useEffect, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useMutation, useQuery } from 'urql';
import { useAccess, useLearnDenied } from '../../components/access-context';
import { ErrorText, FieldMessages } from '../../components/error-text';
import { formatScore } from '../../components/format';
import { GuardedButton } from '../../components/guarded-button';
import { LadderApplicationProgress, ScoringRecomputeProgress } from '../../components/long-work-progress';
import { useDebounced } from '../../components/use-debounced';
import { describeError, fieldProblems, type DescribedError } from '../../errors/describe-error';
import type { LadderQuery as LadderQueryData } from '../../gql/graphql';
import { LadderQuery, SetLadderMutation, SimulateLadderQuery } from '../../graphql/operations';
import {
  buildLadderInput,
  draftsFromTiers,
  moveDraft,
  newTierDraft,
  summariseMovements,
  type TierDraft,
} from './ladder-form.logic';

type LadderTier = LadderQueryData['tierLadder']['tiers'][number];

function useLadder() {
  const [result] = useQuery({ query: LadderQuery });
  return result;
}

/** Rungs from the top tier down; the band between retain and entry score is where members may stay. */
function VisualLadder({ tiers }: { tiers: readonly LadderTier[] }) {
  const max = Math.max(1, ...tiers.map((t) => t.entryScore)) * 1.1;
  return (
    <ol className="ladder" aria-label="Tier ladder, top tier first">
      {[...tiers]
        .sort((a, b) => b.rank - a.rank)
        .map((t) => (
          <li key={t.id} className="rung">
            <div className="rung-head">
              <strong>{t.name}</strong>
              <span>
                {t.members} member{t.members === 1 ? '' : 's'}
                {t.capacity != null && ` of ${t.capacity} seats`}
                {t.admissionQuota &&
                  ` · ${t.admissionQuota.limit} admissions per ${t.admissionQuota.period.toLowerCase()}`}
              </span>
            </div>
            <div className="band" aria-hidden="true">
              <span
                className="band-fill"
                style={{
                  left: `${(t.retainScore / max) * 100}%`,
                  width: `${((t.entryScore - t.retainScore) / max) * 100}%`,
                }}
              />
              <span className="band-entry" style={{ left: `${(t.entryScore / max) * 100}%` }} />
            </div>
            <p className="hint">
              Enter at {formatScore(t.entryScore)}, stay above {formatScore(t.retainScore)}, {t.graceDays}{' '}
              days of grace
            </p>
          </li>
        ))}
    </ol>
  );
}

export function LadderScreen() {
  const ladder = useLadder();
  const canReadScores = useAccess('CustomersRead').allowed;
  // Kept here: a save bumps the version, which gives the editor a fresh start (its own state goes).
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const error = describeError(ladder.error);
  if (error) return <ErrorText error={error} />;
  if (!ladder.data) return <p aria-busy="true">Loading the ladder…</p>;
  return (
    <>
      <h1>Ladder</h1>
      <p className="hint">
        Version {ladder.data.tierLadder.version}, periods in {ladder.data.tierLadder.timeZone}.
      </p>
      {savedVersion !== null && (
        <p role="status" className="ok">
          Saved as version {savedVersion}. Customers are being re-placed in the background.
        </p>
      )}
      {/* While unfinished, whoever opens the screen sees it; after a save here, also its end. */}
      <LadderApplicationProgress showFinished={savedVersion !== null} />
      {/* A new time zone recomputes every score too (its weeks); that read needs customers:read. */}
      <ScoringRecomputeProgress pause={!canReadScores} />
      <div className="columns">
        <section aria-labelledby="ladder-title">
          <h2 id="ladder-title">Today</h2>
          <VisualLadder tiers={ladder.data.tierLadder.tiers} />
        </section>
        <LadderEditor
          key={ladder.data.tierLadder.version}
          tiers={ladder.data.tierLadder.tiers}
          onSaved={setSavedVersion}
        />
      </div>
    </>
  );
}

const NUMBER_FIELDS: { field: keyof TierDraft; label: string; path: string }[] = [
  { field: 'entryScore', label: 'Entry score', path: 'entryScore' },
  { field: 'retainScore', label: 'Retain score', path: 'retainScore' },
  { field: 'graceDays', label: 'Grace days', path: 'graceDays' },
  { field: 'capacity', label: 'Capacity (empty: unlimited)', path: 'capacity' },
  { field: 'quotaLimit', label: 'Admissions per period (empty: no quota)', path: 'admissionQuota.limit' },
];

function LadderEditor({
  tiers,
  onSaved,
}: {
  tiers: readonly LadderTier[];
  onSaved: (version: number) => void;
}) {
  const [drafts, setDrafts] = useState(() => draftsFromTiers(tiers));
  const [nextKey, setNextKey] = useState(1);
  const [saveError, setSaveError] = useState<DescribedError | null>(null);
  const canWrite = useAccess('TiersWrite');
  const learnDenied = useLearnDenied();
  const built = useMemo(() => buildLadderInput(drafts), [drafts]);
  const debouncedInput = useDebounced(built.input, 400);
  const [sim] = useQuery({
    query: SimulateLadderQuery,
    variables: { input: debouncedInput ?? { tiers: [] } },
    pause: !debouncedInput || !canWrite.allowed,
    requestPolicy: 'network-only',
  });
  const [saveState, save] = useMutation(SetLadderMutation);
  const simError = describeError(sim.error);
  useEffect(() => {
    if (simError?.code === 'FORBIDDEN') learnDenied('TiersWrite');
  }, [simError?.code, learnDenied]);

  const update = (index: number, patch: Partial<TierDraft>) => {
    setDrafts((d) => d.map((t, i) => (i === index ? { ...t, ...patch } : t)));
  };
  const problems = fieldProblems(built.fieldErrors, saveError, simError);
  const onSave = async () => {
    if (!built.input) return;
    const result = await save({ input: built.input });
    const described = describeError(result.error);
    setSaveError(described);
    if (described?.code === 'FORBIDDEN') learnDenied('TiersWrite');
    if (result.data) onSaved(result.data.setTierLadder.version);
  };
  const movements = sim.data ? summariseMovements(sim.data.simulateTierLadder.movements) : [];
  const generalSimError = simError && Object.keys(simError.fieldErrors).length === 0 ? simError : null;

  return (
    <section aria-labelledby="editor-title">
      <h2 id="editor-title">Edit the ladder</h2>
      <p className="hint">
        Lowest tier first. The what-if below updates as you type; nothing changes until you save.
      </p>
      {drafts.map((d, i) => (
        <fieldset key={d.key} className="tier-edit">
          <legend>
            Rank {i + 1}: {d.name || 'new tier'}
          </legend>
          <div className="field">
            <label htmlFor={`tier-${d.key}-name`}>Name</label>
            <input
              id={`tier-${d.key}-name`}
              value={d.name}
              onChange={(e) => update(i, { name: e.target.value })}
              aria-invalid={problems(`tiers.${i}.name`).length > 0 || undefined}
              aria-describedby={`tier-${d.key}-name-error`}
            />
            <FieldMessages id={`tier-${d.key}-name-error`} messages={problems(`tiers.${i}.name`)} />
          </div>
          {NUMBER_FIELDS.map(({ field, label, path }) => {
            const id = `tier-${d.key}-${field}`;
            const messages = problems(`tiers.${i}.${path}`);
            return (
              <div className="field" key={field}>
                <label htmlFor={id}>{label}</label>
                <input
                  id={id}
                  inputMode="decimal"
                  value={d[field]}
                  onChange={(e) => update(i, { [field]: e.target.value })}
                  aria-invalid={messages.length > 0 || undefined}
                  aria-describedby={`${id}-error`}
                />
                <FieldMessages id={`${id}-error`} messages={messages} />
              </div>
            );
          })}
          <div className="field">
            <label htmlFor={`tier-${d.key}-period`}>Quota period</label>
            <select
              id={`tier-${d.key}-period`}
              value={d.quotaPeriod}
              onChange={(e) => update(i, { quotaPeriod: e.target.value as TierDraft['quotaPeriod'] })}
            >
              <option value="WEEK">Week</option>
              <option value="MONTH">Month</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`tier-${d.key}-mode`}>Admission</label>
            <select
              id={`tier-${d.key}-mode`}
              value={d.admissionMode}
              onChange={(e) => update(i, { admissionMode: e.target.value as TierDraft['admissionMode'] })}
              aria-describedby={`tier-${d.key}-mode-error`}
            >
              <option value="CONTINUOUS">Continuous</option>
              <option value="ROUNDS">Rounds</option>
            </select>
            <FieldMessages id={`tier-${d.key}-mode-error`} messages={problems(`tiers.${i}.admissionMode`)} />
          </div>
          <FieldMessages id={`tier-${d.key}-error`} messages={problems(`tiers.${i}`)} />
          <div className="actions">
            <button
              type="button"
              onClick={() => setDrafts((all) => moveDraft(all, i, -1))}
              disabled={i === 0}
            >
              Move down a rank
            </button>
            <button
              type="button"
              onClick={() => setDrafts((all) => moveDraft(all, i, 1))}
              disabled={i === drafts.length - 1}
            >
              Move up a rank
            </button>
            <button type="button" onClick={() => setDrafts((all) => all.filter((_, j) => j !== i))}>
              Remove (archive)
            </button>
          </div>
        </fieldset>
      ))}
      <FieldMessages id="tiers-error" messages={problems('tiers')} />
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            setDrafts((all) => [...all, newTierDraft(`new-${nextKey}`)]);
            setNextKey((k) => k + 1);
          }}
        >
          Add a tier
        </button>
      </div>

      <section aria-labelledby="whatif-title" className="card" aria-busy={sim.fetching}>
        <h3 id="whatif-title">What if</h3>
        {!canWrite.allowed && <p className="reason">{canWrite.reason} The what-if needs it too.</p>}
        <ErrorText error={generalSimError} />
        {simError && !generalSimError && <p className="error">Fix the marked fields to see the what-if.</p>}
        {sim.data && (
          <>
            <p>
              <strong>{sim.data.simulateTierLadder.upgradedCount}</strong> up,{' '}
              <strong>{sim.data.simulateTierLadder.downgradedCount}</strong> down,{' '}
              <strong>{sim.data.simulateTierLadder.unchangedCount}</strong> unchanged,{' '}
              {sim.data.simulateTierLadder.lockedCount} locked.
            </p>
            <div
              className="chart"
              role="img"
              aria-label="Stacked bars: where the customers of each tier would go"
            >
              <ResponsiveContainer width="100%" height={220}>
                <BarChart data={movements}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="from" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Legend />
                  <Bar dataKey="up" name="Go up" stackId="m" fill="#2e7d32" isAnimationActive={false} />
                  <Bar dataKey="same" name="Stay" stackId="m" fill="#9e9e9e" isAnimationActive={false} />
                  <Bar dataKey="down" name="Go down" stackId="m" fill="#c62828" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
            <table>
              <caption>Each tier once settled</caption>
              <thead>
                <tr>
                  <th scope="col">Tier</th>
                  <th scope="col" className="num">
                    Members
                  </th>
                  <th scope="col" className="num">
                    Would wait
                  </th>
                </tr>
              </thead>
              <tbody>
                {sim.data.simulateTierLadder.tiers.map((t) => (
                  <tr key={t.rank}>
                    <td>{t.name}</td>
                    <td className="num">
                      {t.members}
                      {t.capacity != null && ` / ${t.capacity}`}
                    </td>
                    <td className="num">{t.waitlisted}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
      <div className="actions">
        <GuardedButton
          scope="TiersWrite"
          type="button"
          className="primary"
          disabled={!built.input || saveState.fetching}
          onClick={() => void onSave()}
        >
          Save the ladder
        </GuardedButton>
      </div>
      <ErrorText error={saveError && Object.keys(saveError.fieldErrors).length === 0 ? saveError : null} />
      {saveError && Object.keys(saveError.fieldErrors).length > 0 && (
        <p className="error">{saveError.message}</p>
      )}
    </section>
  );
}
