export function formatScore(score: number | null | undefined): string {
  return score == null
    ? '—'
    : score.toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function formatPercent(share: number): string {
  return `${Math.round(share * 100)} %`;
}
