import {
  ces,
  compareCsat,
  compareMeans,
  compareNps,
  csat,
  nps,
  rating,
  type Change,
  type Distribution,
} from '../../metrics/index.js';
import type { QuestionDef } from '../surveys/schema.js';

export type { Distribution };

/** The figures of one score question, by its type (NPS, CSAT, CES or a rating). */
export function scoreMetric(q: QuestionDef, dist: Distribution, minN: number) {
  switch (q.type) {
    case 'nps':
      return nps(dist, { minN });
    case 'csat':
      return csat(dist, { minN });
    case 'ces':
      return ces(dist, { minN });
    case 'rating':
      return rating(dist, { min: q.min, max: q.max }, { minN });
    default:
      throw new Error(`${q.type} is not a score question`);
  }
}

/** The change against the previous period, by the test that fits the metric. */
export function compareScores(q: QuestionDef, current: Distribution, previous: Distribution, minN: number): Change {
  if (q.type === 'nps') return compareNps(current, previous, minN);
  if (q.type === 'csat') return compareCsat(current, previous, minN);
  return compareMeans(current, previous, minN);
}
