import type { Db } from '../../db/connect.js';
import { getWorkspace } from '../access/service.js';
import type { Survey } from './schema.js';
import { getSurvey } from './service.js';

export interface CachedSurvey {
  survey: Survey;
  timezone: string;
}

// Ingest reads the survey definition on every response; caching it keeps the database for
// writes. Changes made through this process are seen at once; other processes within the TTL.
const TTL_MS = 5_000;

export class SurveyCache {
  private readonly entries = new Map<string, { value: CachedSurvey; until: number }>();

  constructor(private readonly db: Db) {}

  async get(workspaceId: string, surveyId: string): Promise<CachedSurvey> {
    const key = `${workspaceId}:${surveyId}`;
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    const [survey, workspace] = await Promise.all([
      getSurvey(this.db.kysely, workspaceId, surveyId),
      getWorkspace(this.db.kysely, workspaceId),
    ]);
    const value = { survey, timezone: workspace.timezone };
    this.entries.set(key, { value, until: Date.now() + TTL_MS });
    return value;
  }

  forget(workspaceId: string, surveyId: string) {
    this.entries.delete(`${workspaceId}:${surveyId}`);
  }

  clear() {
    this.entries.clear();
  }
}
