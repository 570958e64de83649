// Chooses where login attempts are counted: Redis when REDIS_URL is set, process memory otherwise.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import { connectRedis, createLoginRateLimiter, createMemoryCounterStore, createRedisCounterStore, type LoginRateLimiter } from './login-rate-limit.js';

export async function openLoginRateLimiter(config: Readonly<Config>, log: FastifyBaseLogger): Promise<LoginRateLimiter> {
  const store = config.redisUrl ? createRedisCounterStore(await connectRedis(config.redisUrl), config.rateLimitPrefix) : createMemoryCounterStore();
  const limits = { maxAttemptsPerIp: config.loginMaxAttemptsPerIp, maxAttemptsPerUsername: config.loginMaxAttemptsPerUsername, windowSeconds: config.loginWindowSeconds };
  return createLoginRateLimiter(store, limits, (error) => log.error({ err: error }, 'the login rate-limit counters failed; the attempt was let through'));
}
