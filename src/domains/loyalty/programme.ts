import { randomInt } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { ApiError } from '../../server/errors.js';
import { ProgrammeSettings } from './settings.js';

type DB = Kysely<Database>;

export interface Programme {
  cardPrefix: string;
  settings: ProgrammeSettings;
}

export const notSetUp = () =>
  new ApiError(409, 'loyalty_not_set_up', 'This workspace has no loyalty programme yet: save its settings first (PUT /api/v1/loyalty/settings, or Loyalty → Settings).');

export async function getProgramme(db: DB, workspaceId: string): Promise<Programme | null> {
  const row = await db.selectFrom('loyalty_programmes').select(['card_prefix', 'settings']).where('workspace_id', '=', workspaceId).executeTakeFirst();
  // Parsed again so settings saved by an older version gain the defaults of newer fields.
  return row ? { cardPrefix: row.card_prefix, settings: ProgrammeSettings.parse(row.settings) } : null;
}

export async function requireProgramme(db: DB, workspaceId: string): Promise<Programme> {
  const p = await getProgramme(db, workspaceId);
  if (!p) throw notSetUp();
  return p;
}

/** Creates the programme on first save, with a random card prefix that stays for good. */
export async function saveProgramme(db: DB, workspaceId: string, settings: ProgrammeSettings): Promise<Programme> {
  const prefix = String(randomInt(1000, 10000));
  const row = await sql<{ card_prefix: string }>`
    INSERT INTO loyalty_programmes (workspace_id, enabled, card_prefix, settings)
    VALUES (${workspaceId}, ${settings.enabled}, ${prefix}, ${JSON.stringify(settings)}::jsonb)
    ON CONFLICT (workspace_id) DO UPDATE SET enabled = excluded.enabled, settings = excluded.settings, updated_at = now()
    RETURNING card_prefix`.execute(db);
  return { cardPrefix: row.rows[0]!.card_prefix, settings };
}
