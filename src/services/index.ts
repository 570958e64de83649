// Builds the domain services the handlers call.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Storage } from '../storage/database.js';
import { createUserService } from './users.js';
import { createNotificationService } from './notifications.js';
import { createModelService } from './models.js';
import { createBusinessMetricService } from './business-metrics.js';
import { createDriftService } from './drift.js';
import { createConnectorService } from './connectors.js';
import { createMonitoringService } from './monitoring.js';
import { createSecretBox } from './secret-box.js';

export function createServices(app: FastifyInstance, storage: Storage, config: Readonly<Config>) {
  const notifications = createNotificationService(storage);
  return {
    users: createUserService({ app, storage, config, notifications, loginRateLimiter: app.loginRateLimiter }),
    notifications,
    models: createModelService(storage, notifications),
    businessMetrics: createBusinessMetricService(storage),
    drift: createDriftService(storage, notifications),
    connectors: createConnectorService({ storage, secretBox: createSecretBox(config.connectorSecretKey), notifications }),
    monitoring: createMonitoringService(app, storage),
  };
}

export type Services = ReturnType<typeof createServices>;
