/**
 * Password hashing with argon2id (OWASP's first choice), via a maintained native binding.
 */
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id is a const enum, which isolatedModules cannot inline; 2 is its value.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** The rules a new password must meet, as a reason or null. */
export function findPasswordProblem(password: string): string | null {
  if (password.length < 10) return '密码至少10个字符 (at least 10 characters)';
  if (password.length > 200) return '密码不超过200个字符';
  if (!/[0-9]/.test(password) || !/[A-Za-z]/.test(password)) return '密码须同时包含字母和数字';
  return null;
}

/** Hashes a password (argon2id, random salt). */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Checked against when the user does not exist, so that timing does not tell whether a
// username is taken.
let dummyHash: Promise<string> | null = null;

/** True when `password` matches `storedHash`; a missing hash still costs one verification. */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword('not-a-real-password-0');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}
