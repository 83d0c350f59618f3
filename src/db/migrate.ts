import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as foundation from './migrations/0001_foundation.js';
import * as sharedReports from './migrations/0002_shared_reports.js';
import * as journeyAndCases from './migrations/0003_journey_and_cases.js';
import * as insights from './migrations/0004_insights.js';
import * as automation from './migrations/0005_automation.js';
import * as mailAndRecurring from './migrations/0006_mail_and_recurring.js';
import * as loyalty from './migrations/0007_loyalty.js';
import * as segments from './migrations/0008_segments.js';
import * as retention from './migrations/0009_retention.js';
import * as offers from './migrations/0010_offers.js';
import * as retentionSettings from './migrations/0011_retention_settings.js';

/** Migrations in one ordered track, listed here so they ship with the code (no directory scan). */
const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_shared_reports': sharedReports,
  '0003_journey_and_cases': journeyAndCases,
  '0004_insights': insights,
  '0005_automation': automation,
  '0006_mail_and_recurring': mailAndRecurring,
  '0007_loyalty': loyalty,
  '0008_segments': segments,
  '0009_retention': retention,
  '0010_offers': offers,
  '0011_retention_settings': retentionSettings,
};

class StaticProvider implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new StaticProvider(),
    migrationTableName: 'opinia_migrations',
    migrationLockTableName: 'opinia_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? error}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
