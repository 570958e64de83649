// Starts the API: reads the configuration, builds the app, listens, and shuts down cleanly on SIGTERM and SIGINT.
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }

  let app;
  try {
    app = await buildApp(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  let stopping = false;
  // After app.close(), an idle keep-alive connection would delay the exit until it timed out.
  // Responses sent while stopping therefore ask the client to close the connection.
  app.addHook('onSend', async (_request, reply) => {
    if (stopping) reply.header('connection', 'close');
  });

  await app.listen({ host: config.host, port: config.port });
  app.log.info({ engine: app.storage.engine, database: app.storage.location, env: config.env }, 'Vision Dashboard API started');

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping: no new connections, finishing requests in flight');
    const timer = setTimeout(() => {
      app.log.error({ graceMs: config.shutdownGraceMs }, 'requests did not finish within SHUTDOWN_GRACE_MS; exiting');
      process.exit(1);
    }, config.shutdownGraceMs);
    timer.unref();
    await app.close();
    app.log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`The API failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
