import { createHash, randomUUID } from 'node:crypto';
import { conflict, invalid } from '../../server/errors.js';
import type { CachedSurvey } from '../surveys/cache.js';
import { localDay } from './local-day.js';
import type { ResponseCreateData } from './schema.js';
import { validateAnswers } from './validate-answers.js';
import type { NewResponse, ResponseWriter, WriteResult } from './writer.js';

// A client clock may be a little ahead; anything further in the future is a mistake.
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * The ingestion steps, in order: check the survey accepts answers, validate, enrich with
 * defaults and the local day, then hand over to the group-commit writer.
 */
export function prepareResponse(
  cached: CachedSurvey,
  body: ResponseCreateData,
  meta: { idempotencyKey: string | null; requestHash: string | null; allowInactive?: boolean; now?: Date },
): NewResponse {
  const { survey, timezone } = cached;
  if (survey.status !== 'active' && !meta.allowInactive) {
    throw conflict(`The survey is ${survey.status}; only active surveys accept responses.`, { status: survey.status });
  }
  const language = body.language ?? survey.defaultLanguage;
  if (!survey.languages.includes(language)) {
    throw invalid(`language: the survey is not available in "${language}" (it has ${survey.languages.join(', ')}).`);
  }
  const hidden = body.hidden ?? {};
  const unknownHidden = Object.keys(hidden).filter((k) => !survey.hiddenFields.includes(k));
  if (unknownHidden.length) {
    throw invalid(`hidden.${unknownHidden[0]}: is not a hidden field of this survey (it has ${survey.hiddenFields.join(', ') || 'none'}).`);
  }
  const { answers } = validateAnswers(survey, body.answers, { finished: body.finished });
  const now = meta.now ?? new Date();
  const submittedAt = body.submittedAt ? new Date(body.submittedAt) : now;
  if (submittedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw invalid('submittedAt: is in the future.');
  }
  return {
    workspaceId: survey.workspaceId,
    id: randomUUID(),
    surveyId: survey.id,
    status: body.finished ? 'finished' : 'partial',
    customerExternalId: body.customerId ?? null,
    language,
    channel: body.channel ?? survey.channel,
    stage: body.stage ?? survey.stage,
    source: body.source,
    eventId: body.eventId ?? null,
    hidden,
    metadata: body.metadata ?? {},
    idempotencyKey: meta.idempotencyKey,
    requestHash: meta.requestHash,
    submittedAt,
    localDay: localDay(submittedAt, timezone),
    finishedAt: body.finished ? submittedAt : null,
    answers,
  };
}

export function hashRequest(surveyId: string, body: unknown): string {
  return createHash('sha256').update(surveyId).update(JSON.stringify(body)).digest('base64url');
}

/** Stores one response; a reused idempotency key with a different body is a conflict. */
export async function ingestResponse(writer: ResponseWriter, item: NewResponse): Promise<WriteResult> {
  const result = await writer.write(item);
  if (result.replayed && !result.sameRequest) {
    throw conflict('This Idempotency-Key was already used for a different response body; use a new key.', {
      responseId: result.id,
    });
  }
  return result;
}
