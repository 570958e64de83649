// Fixed-window counters of login attempts per client address and per username. With REDIS_URL the
// counters are stored in Redis, so every instance behind the load balancer reads and writes the same
// counts. Without it, each process counts on its own.
//
// Every attempt counts, successful or not, because an increment before the password check is one
// atomic step: counting only failures would need a read before the check and a write after it, and
// concurrent guesses on several instances would all pass the read. A successful login resets the
// username's counter, so its owner is not locked out by earlier typos; the address counter keeps
// counting, which is why its default limit is higher.
import { Redis } from 'ioredis';
import { ApiError } from '../errors.js';

export interface WindowCount {
  count: number;
  /** Milliseconds until the window ends and the count starts again from zero. */
  resetInMs: number;
}

export interface CounterStore {
  /** Adds one to the key's count, starting a window of `windowMs` when the key has none. */
  increment(key: string, windowMs: number): Promise<WindowCount>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

/** Counters in process memory, for a single instance. Expired windows are dropped as they are met. */
export function createMemoryCounterStore(now: () => number = Date.now): CounterStore {
  const windows = new Map<string, { count: number; endsAt: number }>();
  let incrementsSinceSweep = 0;

  function sweep(time: number): void {
    for (const [key, window] of windows) if (window.endsAt <= time) windows.delete(key);
  }

  return {
    async increment(key, windowMs) {
      const time = now();
      // Sweeping every 1000 increments keeps memory bounded by the keys of the current windows.
      if (++incrementsSinceSweep >= 1000) {
        incrementsSinceSweep = 0;
        sweep(time);
      }
      let window = windows.get(key);
      if (!window || window.endsAt <= time) {
        window = { count: 0, endsAt: time + windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      return { count: window.count, resetInMs: window.endsAt - time };
    },
    async reset(key) {
      windows.delete(key);
    },
    async close() {
      windows.clear();
    },
  };
}

/** Counters in Redis: SET NX PX starts the window, INCR keeps its expiry, PTTL reports the time left. */
export function createRedisCounterStore(redis: Redis, prefix: string): CounterStore {
  return {
    async increment(key, windowMs) {
      const fullKey = prefix + key;
      const results = await redis.multi().set(fullKey, 0, 'PX', windowMs, 'NX').incr(fullKey).pttl(fullKey).exec();
      if (!results) throw new Error(`The Redis transaction on ${fullKey} was aborted.`);
      for (const [error] of results) if (error) throw error;
      const count = Number(results[1]![1]);
      const ttl = Number(results[2]![1]);
      return { count, resetInMs: ttl > 0 ? ttl : windowMs };
    },
    async reset(key) {
      await redis.del(prefix + key);
    },
    async close() {
      await redis.quit();
    },
  };
}

/** Connects to Redis, so an unreachable server fails the startup rather than the first login. */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5000 });
  // Errors after startup reach the counters' callers, which log them; this listener only prevents a crash.
  redis.on('error', () => {});
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`Connecting to Redis at REDIS_URL failed (${(error as Error).message}); start it, or unset REDIS_URL to count login attempts in memory.`, { cause: error });
  }
  return redis;
}

export interface LoginLimits {
  maxAttemptsPerIp: number;
  maxAttemptsPerUsername: number;
  windowSeconds: number;
}

export interface LoginRateLimiter {
  /** Counts one attempt and throws a 429 ApiError with Retry-After when either limit is exceeded. */
  checkAttempt(clientAddress: string, username: string): Promise<void>;
  /** Forgets the username's attempts after a successful login. */
  recordSuccess(username: string): Promise<void>;
  close(): Promise<void>;
}

function retryAfterSeconds(resetInMs: number): number {
  return Math.max(1, Math.ceil(resetInMs / 1000));
}

export function createLoginRateLimiter(store: CounterStore, limits: LoginLimits, onStoreError: (error: unknown) => void): LoginRateLimiter {
  const windowMs = limits.windowSeconds * 1000;
  // Usernames are matched case-insensitively here so "Alice" and "alice" share a counter.
  const usernameKey = (username: string) => `login:username:${username.toLowerCase()}`;

  return {
    async checkAttempt(clientAddress, username) {
      let byAddress: WindowCount;
      let byUsername: WindowCount;
      try {
        [byAddress, byUsername] = await Promise.all([store.increment(`login:ip:${clientAddress}`, windowMs), store.increment(usernameKey(username), windowMs)]);
      } catch (error) {
        // NOTE: a failing counter store lets the attempt through (fail open), so a Redis outage does not
        // lock every user out. The password check still runs, and the error is logged.
        onStoreError(error);
        return;
      }
      if (byAddress.count > limits.maxAttemptsPerIp) {
        const seconds = retryAfterSeconds(byAddress.resetInMs);
        throw new ApiError('too-many-requests', `Too many login attempts from this address; try again in ${seconds} seconds.`, { headers: { 'retry-after': String(seconds) } });
      }
      if (byUsername.count > limits.maxAttemptsPerUsername) {
        const seconds = retryAfterSeconds(byUsername.resetInMs);
        throw new ApiError('too-many-requests', `Too many login attempts for this username; try again in ${seconds} seconds.`, { headers: { 'retry-after': String(seconds) } });
      }
    },
    async recordSuccess(username) {
      try {
        await store.reset(usernameKey(username));
      } catch (error) {
        onStoreError(error);
      }
    },
    close: () => store.close(),
  };
}
