import { generateApiKey, parseApiKey, secretMatches } from './api-key-secret';

describe('api key secrets', () => {
  it('round-trips a generated key through parse and verify', () => {
    const key = generateApiKey();
    const parsed = parseApiKey(key.plaintext);
    expect(parsed?.lookupPrefix).toBe(key.lookupPrefix);
    expect(secretMatches(parsed!.secret, key.secretHash)).toBe(true);
  });

  it('never stores the secret itself', () => {
    const key = generateApiKey();
    const { secret } = parseApiKey(key.plaintext)!;
    expect(key.secretHash.toString('base64url')).not.toContain(secret);
    expect(key.secretHash).toHaveLength(32);
  });

  it('rejects a tampered secret', () => {
    const key = generateApiKey();
    const { secret } = parseApiKey(key.plaintext)!;
    const tampered = (secret[0] === 'A' ? 'B' : 'A') + secret.slice(1);
    expect(secretMatches(tampered, key.secretHash)).toBe(false);
  });

  it.each(['', 'Bearer x', 'ic_short_secret', `ic_${'a'.repeat(16)}_${'b'.repeat(42)}`])(
    'does not parse %p',
    (text) => expect(parseApiKey(text)).toBeNull(),
  );

  it('generates distinct keys', () => {
    const keys = new Set(Array.from({ length: 50 }, () => generateApiKey().plaintext));
    expect(keys.size).toBe(50);
  });
});
