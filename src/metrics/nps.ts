import { countWhere, fullScale, total, Z95, type Distribution } from './distribution.js';

export interface NpsResult {
  /** 100·(P − D)/n, in −100…100; null when n is below the minimum. */
  score: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  promoterShare: number | null;
  passiveShare: number | null;
  detractorShare: number | null;
  n: number;
  standardError: number | null;
  marginOfError95: number | null;
  distribution: Distribution;
}

/**
 * Net Promoter Score: promoters 9–10, passives 7–8, detractors 0–6. Its standard error treats
 * each answer as +1/0/−1: 100·sqrt((pP + pD − (pP − pD)²)/n).
 */
export function nps(dist: Distribution, options: { minN?: number } = {}): NpsResult {
  const n = total(dist);
  const promoters = countWhere(dist, (v) => v >= 9);
  const detractors = countWhere(dist, (v) => v <= 6);
  const passives = n - promoters - detractors;
  const shown = n > 0 && n >= (options.minN ?? 1);
  const pP = promoters / n;
  const pD = detractors / n;
  const se = 100 * Math.sqrt(Math.max(0, pP + pD - (pP - pD) ** 2) / n);
  return {
    score: shown ? 100 * (pP - pD) : null,
    promoters,
    passives,
    detractors,
    promoterShare: shown ? 100 * pP : null,
    passiveShare: shown ? (100 * passives) / n : null,
    detractorShare: shown ? 100 * pD : null,
    n,
    standardError: shown ? se : null,
    marginOfError95: shown ? Z95 * se : null,
    distribution: fullScale(dist, 0, 10),
  };
}
