import "server-only";
import { hash, verify } from "@node-rs/argon2";

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).
const ARGON2ID = 2;
const HASH_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, HASH_OPTIONS);
}

/** True when the password matches; false for a mismatch or a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a random, discarded password with the same parameters as real
 * ones. Fixed in the source so even the first unknown email of a process costs
 * exactly one verification, like a wrong password for a real account.
 */
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$TuXjGUVmxasQtCt5xteF4w$P2RIuebPSLVl5Hk7S+Mn2TVvjxVc3CoFzUww8ujGtpU";

/** Spends the same time as a real check, so unknown emails are not revealed by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await verifyPassword(DUMMY_HASH, password);
  return false;
}
