import { countWhere, enoughAnswers, NPS_SCALE, onScale, total, Z95, type Distribution } from './distribution.js';

export interface NpsResult {
  /** 100·(P − D)/n, in −100…100; null when n is below the minimum. */
  score: number | null;
  /** Counts (they stay visible below the minimum n); the shares are percentages. */
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

export const isPromoter = (v: number) => v >= 9;
export const isDetractor = (v: number) => v <= 6;

/**
 * Net Promoter Score: promoters 9–10, passives 7–8, detractors 0–6. The standard error scores
 * each answer +1/0/−1, whose variance is pP + pD − (pP − pD)², hence
 * SE = 100·√((pP + pD − (pP − pD)²)/n).
 */
export function nps(dist: Distribution, options: { minN?: number } = {}): NpsResult {
  const distribution = onScale(dist, NPS_SCALE);
  const n = total(dist);
  const promoters = countWhere(dist, isPromoter);
  const detractors = countWhere(dist, isDetractor);
  const passives = n - promoters - detractors;
  const shown = enoughAnswers(n, options.minN);
  const pP = promoters / n;
  const pD = detractors / n;
  const se = npsStandardError(pP, pD, n);
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
    distribution,
  };
}

/** In NPS points. The max(0, …) only guards against a −1e-17 from rounding when pP or pD is 1. */
export function npsStandardError(pP: number, pD: number, n: number): number {
  return 100 * Math.sqrt(Math.max(0, pP + pD - (pP - pD) ** 2) / n);
}
