import { ConfigError, env } from "./server/env";
import { log } from "./server/log";
import { migrate, MigrationError } from "./migrations";
import { fleetdeckSecret } from "./server/master-secret";
import { seedAdminFromEnv } from "./auth/first-run";
import { startHosts } from "./runtime/hosts/start-hosts";
import { startMetricsService } from "./metrics/service/metrics-service-holder";

/** Server start-up: configuration, secret, migrations. Any failure stops the process with one line. */
export async function boot(): Promise<void> {
  try {
    const config = env();
    fleetdeckSecret();
    const report = await migrate(config.DATABASE_URL);
    await seedAdminFromEnv();
    log.info(
      { applied: report.applied, database: config.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql" },
      "database ready",
    );
    await startHosts(config.DOCKER_HOSTS);
    void startMetricsService();
  } catch (err) {
    if (err instanceof ConfigError || err instanceof MigrationError) {
      console.error(err.message);
    } else {
      console.error(`fleetdeck: start-up failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    process.exit(1);
  }
}
