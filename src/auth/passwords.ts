// Password hashing with argon2id. @node-rs/argon2 hashes on libuv's thread pool, off the event loop.
import { hash, verify, Algorithm } from '@node-rs/argon2';

// OWASP's minimum for argon2id: 19 MiB of memory, 2 iterations, 1 lane.
const ARGON2_OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// A hash of a random value, verified when the username is unknown so a failed login costs the same
// whether or not the user exists.
let decoyHash: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  if (storedHash === undefined) {
    decoyHash ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
    await verify(await decoyHash, password);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    // A corrupt stored hash must not reveal itself as a 500 at login.
    return false;
  }
}
