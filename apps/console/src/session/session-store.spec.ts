import { apiKeyFormatProblem, forgetApiKey, readApiKey, saveApiKey, type KeyStorage } from './session-store';

function memoryStorage(): KeyStorage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

describe('session store', () => {
  it('keeps the trimmed key until sign-out', () => {
    const storage = memoryStorage();
    saveApiKey('  ic_abc_def \n', storage);
    expect(readApiKey(storage)).toBe('ic_abc_def');
    forgetApiKey(storage);
    expect(readApiKey(storage)).toBeNull();
  });

  it('explains a malformed key before any request', () => {
    expect(apiKeyFormatProblem('')).toBe('Paste the API key you were given.');
    expect(apiKeyFormatProblem('sk_live')).toMatch(/starts with/);
    expect(apiKeyFormatProblem('ic_ab cd')).toMatch(/spaces/);
    expect(apiKeyFormatProblem('ic_abc_def')).toBeNull();
  });
});
