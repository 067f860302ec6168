import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../common/errors/app-error.js';
import { projectRoot } from '../../common/project-root.js';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Argon2id with 19 MiB and 2 passes (OWASP's minimum recommendation). */
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

let commonPasswords: Set<string> | undefined;

/** config/common-passwords.txt: the commonest leaked passwords of 12+ characters, lower-cased. */
function isCommon(password: string): boolean {
  commonPasswords ??= new Set(
    readFileSync(join(projectRoot(), 'config', 'common-passwords.txt'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0),
  );
  return commonPasswords.has(password.toLowerCase());
}

function isTrivial(password: string): boolean {
  const chars = [...password];
  if (new Set(chars).size <= 2) return true;
  // A run up or down the character table throughout (abcdefghijkl, 987654321).
  const steps = new Set(
    chars.slice(1).map((c, i) => (c.codePointAt(0) ?? 0) - (chars[i]?.codePointAt(0) ?? 0)),
  );
  return steps.size === 1 && [...steps].every((step) => Math.abs(step) === 1);
}

/**
 * Length and a deny-list, no composition rules (NIST SP 800-63B): at least 12 characters, not
 * one of the commonest passwords, not trivially repetitive or sequential, not the user's email.
 */
export function checkPassword(password: string, context: { email?: string } = {}): void {
  const refuse = (code: string, message: string) => {
    throw new AppError('bad_request', code, message, { fields: { password: [message] } });
  };
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    refuse(
      'PASSWORD_TOO_SHORT',
      `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`,
    );
  }
  if ([...password].length > PASSWORD_MAX_LENGTH) {
    refuse(
      'PASSWORD_TOO_LONG',
      `The password must be at most ${PASSWORD_MAX_LENGTH} characters long.`,
    );
  }
  const lower = password.toLowerCase();
  const emailName = context.email?.split('@')[0]?.toLowerCase();
  if (
    isCommon(password) ||
    isTrivial(password) ||
    lower.includes('onefrontdoor') ||
    (emailName !== undefined && emailName.length >= 4 && lower.includes(emailName))
  ) {
    refuse(
      'PASSWORD_TOO_COMMON',
      'This password is too easy to guess; choose a longer or less common one (a few unrelated words work well).',
    );
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so an unknown email cannot be told from a wrong password. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hash('not-a-real-password-for-timing', ARGON2_OPTIONS);
  await verifyPassword(await dummyHash, password);
}
