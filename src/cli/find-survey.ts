import type { Db } from '../db/connect.js';
import { findSurveyWorkspaceId, getSurvey } from '../domains/surveys/service.js';
import { fail } from './options.js';

/**
 * The command line acts as the operator of the whole installation, so a survey id alone
 * (ids are unique across workspaces) names the survey and, with it, its workspace.
 */
export async function findSurveyAnywhere(db: Db, surveyId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(surveyId)) fail(`--survey must be a survey id (a UUID), not "${surveyId}"`);
  const workspaceId = await findSurveyWorkspaceId(db.kysely, surveyId);
  if (!workspaceId) fail(`no survey ${surveyId} in ${db.location}`);
  return getSurvey(db.kysely, workspaceId, surveyId);
}
