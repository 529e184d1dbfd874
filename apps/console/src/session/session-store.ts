// The API key lives in sessionStorage only: it goes with the tab, never into a URL or localStorage.
const KEY = 'inner-circle.api-key';

export interface KeyStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function readApiKey(storage: KeyStorage = sessionStorage): string | null {
  return storage.getItem(KEY);
}

export function saveApiKey(key: string, storage: KeyStorage = sessionStorage): void {
  storage.setItem(KEY, key.trim());
}

export function forgetApiKey(storage: KeyStorage = sessionStorage): void {
  storage.removeItem(KEY);
}

/** A key looks like `ic_<lookup>_<secret>`; anything else is refused before a request is sent. */
export function apiKeyFormatProblem(key: string): string | null {
  const trimmed = key.trim();
  if (trimmed === '') return 'Paste the API key you were given.';
  if (!trimmed.startsWith('ic_')) return 'An Inner Circle API key starts with “ic_”.';
  if (/\s/.test(trimmed)) return 'The key must not contain spaces or line breaks.';
  return null;
}
