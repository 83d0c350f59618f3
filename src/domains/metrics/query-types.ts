import type { RollupDimension } from '../responses/rollup.js';

/** Sufficient statistics of one question in one period or group: answers per score value. */
export interface CountRow {
  key: string;
  questionId: string;
  counts: Record<number, number>;
}

export type Interval = 'day' | 'week' | 'month';

/** What a metrics request asks for, after parsing. Days are inclusive, in the workspace's zone. */
export interface MetricsScope {
  workspaceId: string;
  surveyId: string;
  questionIds: string[];
  from: string;
  to: string;
  /**
   * Rollup dimensions, plus `segment`: the customer's `segment` attribute, and `segmentId`:
   * customers currently in that dynamic segment (both on the answers path only).
   */
  filters: Partial<Record<Exclude<RollupDimension, 'all'> | 'segment' | 'segmentId', string>>;
}

export type GroupBy =
  | { kind: 'dimension'; dimension: Exclude<RollupDimension, 'all'> }
  | { kind: 'question'; questionId: string }
  | { kind: 'customer'; attribute: string };
