import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { ApiError, notFound } from '../../server/errors.js';
import { sha256 } from '../access/secrets.js';

type DB = Kysely<Database>;

/** The dashboard view a shared report shows: survey, dates (fixed or rolling) and filters. */
export interface ReportView {
  from?: string;
  to?: string;
  interval?: string;
  channel?: string;
  stage?: string;
  language?: string;
}

/**
 * A shared report is an unguessable token (stored hashed, like API keys) that opens one view
 * read-only; it can expire and be revoked.
 */
export async function createSharedReport(
  db: DB,
  workspaceId: string,
  input: { surveyId: string; view: ReportView; expiresInDays?: number; createdBy?: string },
) {
  const token = `rep_${randomBytes(24).toString('base64url')}`;
  const row = await db
    .insertInto('shared_reports')
    .values({
      workspace_id: workspaceId,
      id: randomUUID(),
      survey_id: input.surveyId,
      token_hash: sha256(token),
      view: JSON.stringify(input.view),
      created_by: input.createdBy ?? null,
      expires_at: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
    })
    .returning(['id', 'survey_id', 'view', 'created_at', 'expires_at'])
    .executeTakeFirstOrThrow();
  return { ...row, token };
}

export function listSharedReports(db: DB, workspaceId: string) {
  return db
    .selectFrom('shared_reports')
    .select(['id', 'survey_id', 'view', 'created_at', 'expires_at', 'revoked_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeSharedReport(db: DB, workspaceId: string, id: string) {
  const row = await db
    .updateTable('shared_reports')
    .set({ revoked_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw notFound('The shared report');
}

/** The report behind a token, or a 404/410 that says why it cannot be opened. */
export async function openSharedReport(db: DB, token: string) {
  const row = await db.selectFrom('shared_reports').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirst();
  if (!row || row.revoked_at) throw new ApiError(404, 'not_found', 'This report link does not exist or was revoked.');
  if (row.expires_at && row.expires_at < new Date()) throw new ApiError(410, 'expired', 'This report link has expired.');
  return row;
}
