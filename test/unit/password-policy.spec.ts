import { AppError } from '../../src/common/errors/app-error.js';
import {
  checkPassword,
  hashPassword,
  verifyPassword,
} from '../../src/auth/users/password-policy.js';

function refusal(password: string, email?: string): string | undefined {
  try {
    checkPassword(password, { email });
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe('password policy', () => {
  it('needs at least 12 characters, counted as characters not bytes', () => {
    expect(refusal('short pass1')).toBe('PASSWORD_TOO_SHORT');
    expect(refusal('ünïcödé wörd')).toBeUndefined();
  });

  it('has no composition rules', () => {
    expect(refusal('all lower case words')).toBeUndefined();
    expect(refusal('518273649182')).toBeUndefined();
  });

  it('refuses the commonest passwords, whatever their case', () => {
    expect(refusal('password1234')).toBe('PASSWORD_TOO_COMMON');
    expect(refusal('QWERTY123456')).toBe('PASSWORD_TOO_COMMON');
    expect(refusal('1q2w3e4r5t6y')).toBe('PASSWORD_TOO_COMMON');
  });

  it('refuses repeated and sequential characters, the service name and the email', () => {
    expect(refusal('zzzzzzzzzzzz')).toBe('PASSWORD_TOO_COMMON');
    expect(refusal('abababababab')).toBe('PASSWORD_TOO_COMMON');
    expect(refusal('abcdefghijklmn')).toBe('PASSWORD_TOO_COMMON');
    expect(refusal('987654321098')).toBeUndefined(); // 0 after 9 breaks the run
    expect(refusal('OneFrontDoor2026')).toBe('PASSWORD_TOO_COMMON');
    expect(refusal('jsmith-secret-2026', 'jsmith@council.example')).toBe('PASSWORD_TOO_COMMON');
  });

  it('hashes with Argon2id and verifies', async () => {
    const hash = await hashPassword('sixteen letters!');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(verifyPassword(hash, 'sixteen letters!')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'sixteen letters?')).resolves.toBe(false);
    await expect(verifyPassword('not a hash', 'anything')).resolves.toBe(false);
  });
});
