// The figures at the end of a run, as a Markdown table that can go into the README as is.
const FAULT_NAMES = {
  kill: '`kill -9` of a worker, restarted',
  join: 'a second worker joins',
  'port-taken': 'a worker started on a taken port',
  sigterm: 'SIGTERM of a worker, restarted',
  broker: '`kill -9` of the broker, restarted',
  postgres: 'PostgreSQL restarted',
};
const seconds = (ms) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`);

export function printReport(report) {
  const lines = [`### Reliability run (${report.profile}, seed ${report.seed}, ${report.seconds} s)`, ''];
  const { delivery, poison, caps, abuse } = report.sections;
  lines.push('| section | figure | value |', '| --- | --- | --- |');
  if (delivery) {
    const row = (name, value) => lines.push(`| delivery under faults | ${name} | ${value} |`);
    row('interactions produced (acknowledged sends)', delivery.produced);
    row('producer chunks sent again after an error', delivery.producerResends);
    row(
      'distinct interactions expected / applied',
      `${delivery.interactionsExpected} / ${delivery.interactionsApplied}`,
    );
    row('lost', delivery.lost);
    row('applied twice (score above its recomputation)', delivery.appliedTwice);
    row(
      'score mismatches against `computeScore`',
      `${delivery.scoreMismatches} (max relative error ${delivery.maxRelativeScoreError.toExponential(1)})`,
    );
    row(
      'tier transitions / their events on the topic / missing',
      `${delivery.tierTransitions} / ${delivery.tierEventsOnTopic} / ${delivery.tierEventsMissing}`,
    );
    row('`kill -9` of a worker survived', delivery.kills);
    for (const fault of delivery.faults)
      row(
        `${FAULT_NAMES[fault.kind] ?? fault.kind}${fault.target ? ` (${fault.target})` : ''} at event ${fault.atEvent}`,
        (fault.serviceBackAfterMs ? `back up after ${seconds(fault.serviceBackAfterMs)}; ` : '') +
          `consumption resumed after ${seconds(fault.resumedAfterMs)}, all workers ready after ${seconds(fault.readyAfterMs)}`,
      );
  }
  if (poison) {
    const row = (name, value) => lines.push(`| poison | ${name} | ${value} |`);
    row('events / poison sent', `${poison.events} / ${poison.poisonSent}`);
    row('poison dead-lettered (with error headers)', poison.deadLettered);
    row('good events dead-lettered', poison.goodDeadLettered);
    row(
      'error classes',
      Object.entries(poison.errorClasses)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    );
    row('good events applied / lost', `${poison.goodApplied} / ${poison.goodLost}`);
    row('lag at the end', poison.lagAtEnd);
  }
  if (caps) {
    const row = (name, value) => lines.push(`| caps under concurrency | ${name} | ${value} |`);
    const { campaign, tiers } = caps;
    row('racers (concurrent `redeemCampaign`) / customers', `${campaign.racers} / ${campaign.customers}`);
    row('winners / stored redemptions', `${campaign.winners} / ${campaign.storedRedemptions}`);
    row(
      'refused with a code',
      `${campaign.refused} (${Object.entries(campaign.refusalCodes)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
    );
    row('internal errors', campaign.internalErrors);
    row(
      'retries with the same key returning the original',
      `${campaign.retriesReturningOriginal} / ${campaign.winners}`,
    );
    for (const [label, tier] of Object.entries(tiers))
      row(
        `tier of capacity ${tier.capacity}${tier.quota ? `, quota ${tier.quota}/week` : ''}: ${tier.qualifiers} qualifiers`,
        `${tier.members} members, ${tier.waitlisted} waitlisted${tier.waitlistInRankOrder ? ' in rank order' : ' OUT OF ORDER'}, ${tier.admissions_in_a_period} admissions in the busiest period`,
      );
  }
  if (abuse) {
    const row = (name, value) => lines.push(`| abuse | ${name} | ${value} |`);
    const { flood, sockets } = abuse;
    row(
      'light query p99 alone / under a heavy flood from another key',
      `${flood.lightP99AloneMs} / ${flood.lightP99UnderFloodMs} ms (bound ${flood.boundMs} ms)`,
    );
    row(
      'flooding key: heavy operations accepted / RATE_LIMITED / internal errors',
      `${flood.heavyAccepted} / ${flood.heavyRateLimited} / ${flood.heavyInternalErrors}`,
    );
    row('sockets without a key: attempted / refused (4403)', `${sockets.attempted} / ${sockets.refused4403}`);
    row(
      'api resident memory before / after those sockets',
      `${sockets.rssBeforeMiB} / ${sockets.rssAfterMiB} MiB`,
    );
  }
  lines.push('| hostile input, tenant isolation | (apps/api specs) | |');
  lines.push('');
  lines.push(
    report.violations.length ? `**${report.violations.length} violation(s):**` : '**All invariants held.**',
  );
  for (const violation of report.violations) lines.push(`- ${violation}`);
  console.log(lines.join('\n'));
}
