import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { invalid } from '../../server/errors.js';
import { localDay } from '../responses/local-day.js';
import { SCORE_TYPES, type Survey } from '../surveys/schema.js';
import { countScoresFromAnswers } from './queries/countScoresFromAnswers.js';
import { countScoresFromRollup } from './queries/countScoresFromRollup.js';
import { addDays, daysBetween, defaultInterval, periodsBetween } from './periods.js';
import type { CountRow, GroupBy, Interval, MetricsScope } from './query-types.js';
import { mergeDistributions } from '../../metrics/index.js';
import { compareScores, scoreMetric, type Distribution } from './score.js';

export interface MetricsQuery {
  from?: string;
  to?: string;
  interval?: Interval;
  groupBy?: GroupBy;
  questionId?: string;
  filters: MetricsScope['filters'];
}

const MAX_PERIODS = 1500;

/**
 * NPS / CSAT / CES / rating figures of a survey's score questions: overall, per period, per
 * group, and against the previous period of the same length. SQL returns counts per score;
 * the pure functions in src/metrics turn them into scores, margins and tests.
 */
export async function surveyMetrics(
  db: Kysely<Database>,
  survey: Survey,
  workspace: { timezone: string; minN: number },
  query: MetricsQuery,
  options: { sliceDays?: number } = {},
) {
  const questions = survey.questions.filter(
    (q) => (SCORE_TYPES as readonly string[]).includes(q.type) && (!query.questionId || q.id === query.questionId),
  );
  if (query.questionId && !questions.length) {
    throw invalid(`question: "${query.questionId}" is not a score question of this survey.`);
  }
  const to = query.to ?? localDay(new Date(), workspace.timezone);
  const from = query.from ?? addDays(to, -89);
  if (from > to) throw invalid('from: must be on or before to.');
  const interval = query.interval ?? defaultInterval(from, to);
  const periods = periodsBetween(from, to, interval);
  if (periods.length > MAX_PERIODS) {
    throw invalid(`interval: ${periods.length} ${interval}s is too many points; choose a longer interval or a shorter range.`);
  }
  const span = daysBetween(from, to) + 1;
  const previousTo = addDays(from, -1);
  const previousFrom = addDays(from, -span);
  const scope: MetricsScope = {
    workspaceId: survey.workspaceId,
    surveyId: survey.id,
    questionIds: questions.map((q) => q.id),
    from,
    to,
    filters: query.filters,
  };
  const previousScope = { ...scope, from: previousFrom, to: previousTo };
  const useRollup = canUseRollup(query);
  const sliced = options.sliceDays;
  const slice = (s: MetricsScope, f: (s: MetricsScope) => Promise<CountRow[]>) => (sliced ? inSlices(s, sliced, f) : f(s));
  const queries = [
    () => slice(scope, (s) => (useRollup ? countScoresFromRollup(db, s, { interval }) : countScoresFromAnswers(db, s, { interval }))),
    () => slice(previousScope, (s) => (useRollup ? countScoresFromRollup(db, s, 'total') : countScoresFromAnswers(db, s, 'total'))),
    () =>
      query.groupBy
        ? slice(scope, (s) =>
            useRollup && query.groupBy!.kind === 'dimension'
              ? countScoresFromRollup(db, s, { dimension: query.groupBy!.dimension })
              : countScoresFromAnswers(db, s, { groupBy: query.groupBy! }),
          )
        : Promise.resolve([]),
  ];
  // In parallel on a pool; one after another when slicing for a single connection.
  const [trendRows, previousRows, groupRows] = sliced ? await sequentially(queries) : await Promise.all(queries.map((q) => q()));

  return {
    surveyId: survey.id,
    from,
    to,
    interval,
    previousPeriod: { from: previousFrom, to: previousTo },
    groupBy: query.groupBy ? describeGroupBy(query.groupBy) : null,
    filters: query.filters,
    minN: workspace.minN,
    source: useRollup ? 'rollup' : 'answers',
    questions: questions.map((q) => {
      const byPeriod = distributionsByKey(trendRows, q.id);
      const overall = mergeDistributions([...byPeriod.values()]);
      const previous = distributionsByKey(previousRows, q.id).get('') ?? {};
      const current = scoreMetric(q, overall, workspace.minN);
      return {
        questionId: q.id,
        type: q.type,
        title: q.title,
        ...current,
        previous: scoreMetric(q, previous, workspace.minN),
        change: compareScores(q, overall, previous, workspace.minN),
        trend: periods.map((period) => ({ period, ...scoreMetric(q, byPeriod.get(period) ?? {}, workspace.minN) })),
        groups: query.groupBy
          ? [...distributionsByKey(groupRows, q.id)]
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([key, dist]) => ({ key, ...scoreMetric(q, dist, workspace.minN) }))
          : undefined,
      };
    }),
  };
}

/**
 * Runs a counting query over consecutive slices of the date range, one after another. On the
 * embedded database every query holds the one connection (and the event loop) until it ends,
 * so a year-long dashboard query in one piece would hold up every response waiting to be
 * stored; in month-sized pieces, writes slip in between. Counts are sums, so slices add up.
 */
async function inSlices(scope: MetricsScope, days: number, count: (s: MetricsScope) => Promise<CountRow[]>): Promise<CountRow[]> {
  const rows: CountRow[] = [];
  for (let from = scope.from; from <= scope.to; from = addDays(from, days)) {
    const to = addDays(from, days - 1) < scope.to ? addDays(from, days - 1) : scope.to;
    rows.push(...(await count({ ...scope, from, to })));
    // PGlite settles queries in microtasks; without a real turn of the event loop here, the
    // requests waiting on their sockets would not even be read until the last slice.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return rows;
}

async function sequentially<T>(tasks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  for (const task of tasks) out.push(await task());
  return out;
}

/** The rollup holds one dimension at a time: it serves one filter, or one dimension grouping. */
function canUseRollup(query: MetricsQuery): boolean {
  if (query.filters.segment || query.filters.segmentId) return false;
  const filters = Object.values(query.filters).filter((v) => v !== undefined).length;
  if (!query.groupBy) return filters <= 1;
  return query.groupBy.kind === 'dimension' && filters === 0;
}

function distributionsByKey(rows: CountRow[], questionId: string): Map<string, Distribution> {
  const out = new Map<string, Distribution>();
  for (const r of rows) {
    if (r.questionId !== questionId) continue;
    const dist = out.get(r.key) ?? {};
    for (const [value, count] of Object.entries(r.counts)) dist[Number(value)] = (dist[Number(value)] ?? 0) + count;
    out.set(r.key, dist);
  }
  return out;
}

function describeGroupBy(g: GroupBy): string {
  if (g.kind === 'dimension') return g.dimension;
  if (g.kind === 'question') return `question:${g.questionId}`;
  return `customer.${g.attribute}`;
}

