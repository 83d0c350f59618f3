/**
 * The next best action for one customer: the single most useful step now, with its reason, and
 * the runners-up. Pure and ordered by urgency: a promise broken (SLA) before a voice unheard
 * (a detractor nobody called), before value at risk, before growth (referral, rewards, tiers),
 * before simply asking again. The dashboard words each action from its code and params.
 */
export interface NbaSignals {
  now: Date;
  openCases: { id: string; number: number; breached: boolean; priority: string; status: string }[];
  latestNps: { score: number; at: Date; comment: string | null; caseOpenedSince: boolean } | null;
  churn: { level: 'low' | 'medium' | 'high'; score: number; topReason: string | null; revenue12m: number };
  /** Revenue above which a customer counts as valuable (e.g. the workspace's median of paying customers). */
  valuableFrom: number;
  loyalty: {
    balance: number;
    affordableReward: { name: string; cost: number } | null;
    nextTier: { name: string; missing: number; threshold: number } | null;
    referrals: number;
  } | null;
  offer: { id: string; name: string; kind: string } | null;
  canEmail: boolean;
  daysSinceFeedback: number | null;
}

export type NbaCode =
  | 'answer_breached_case'
  | 'call_detractor'
  | 'win_back'
  | 'follow_up_case'
  | 'ask_referral'
  | 'remind_reward'
  | 'nudge_tier'
  | 'ask_passive'
  | 'ask_feedback'
  | 'thank';

export interface NextAction {
  code: NbaCode;
  /** 0–100: how much it matters now. */
  urgency: number;
  params: Record<string, string | number | null>;
  /** Where to do it in the dashboard or API, when there is one place. */
  target: { type: 'case' | 'offer' | 'survey' | 'loyalty'; id: string | null } | null;
}

const DAY = 86_400_000;
const DETRACTOR_FOLLOW_UP_DAYS = 30;
const PROMOTER_FRESH_DAYS = 90;
const FEEDBACK_STALE_DAYS = 180;
/** "Close to the next tier": within this share of its threshold. */
const NEAR_TIER_SHARE = 0.2;

export function nextBestActions(s: NbaSignals): NextAction[] {
  const out: NextAction[] = [];
  const age = (d: Date) => Math.floor((s.now.getTime() - d.getTime()) / DAY);
  const breached = s.openCases.find((c) => c.breached);
  if (breached) out.push({ code: 'answer_breached_case', urgency: 100, params: { number: breached.number }, target: { type: 'case', id: breached.id } });

  const nps = s.latestNps;
  if (nps && nps.score <= 6 && age(nps.at) <= DETRACTOR_FOLLOW_UP_DAYS && !nps.caseOpenedSince && !s.openCases.length) {
    out.push({ code: 'call_detractor', urgency: 90, params: { score: nps.score, days: age(nps.at), comment: nps.comment?.slice(0, 160) ?? null }, target: null });
  }
  if (s.churn.level === 'high' && s.churn.revenue12m >= s.valuableFrom) {
    const offer = s.offer && (s.offer.kind === 'recovery' || s.offer.kind === 'win_over') ? s.offer : null;
    out.push({
      code: 'win_back',
      urgency: 80,
      params: { score: s.churn.score, reason: s.churn.topReason, revenue: s.churn.revenue12m, offer: offer?.name ?? null },
      target: offer ? { type: 'offer', id: offer.id } : null,
    });
  }
  const open = s.openCases.find((c) => !c.breached);
  if (open) out.push({ code: 'follow_up_case', urgency: 70, params: { number: open.number, status: open.status }, target: { type: 'case', id: open.id } });

  if (nps && nps.score >= 9 && age(nps.at) <= PROMOTER_FRESH_DAYS && s.loyalty && s.loyalty.referrals === 0) {
    const offer = s.offer?.kind === 'referral' ? s.offer : null;
    out.push({ code: 'ask_referral', urgency: 60, params: { score: nps.score, offer: offer?.name ?? null }, target: offer ? { type: 'offer', id: offer.id } : { type: 'loyalty', id: null } });
  }
  if (s.loyalty?.affordableReward) {
    out.push({ code: 'remind_reward', urgency: 50, params: { reward: s.loyalty.affordableReward.name, balance: s.loyalty.balance }, target: { type: 'loyalty', id: null } });
  }
  const next = s.loyalty?.nextTier;
  if (next && next.missing > 0 && next.missing <= next.threshold * NEAR_TIER_SHARE) {
    out.push({ code: 'nudge_tier', urgency: 45, params: { tier: next.name, missing: next.missing }, target: { type: 'loyalty', id: null } });
  }
  if (nps && nps.score >= 7 && nps.score <= 8 && age(nps.at) <= PROMOTER_FRESH_DAYS) {
    const offer = s.offer?.kind === 'win_over' ? s.offer : null;
    out.push({ code: 'ask_passive', urgency: 40, params: { score: nps.score, offer: offer?.name ?? null }, target: offer ? { type: 'offer', id: offer.id } : null });
  }
  if (s.canEmail && (s.daysSinceFeedback === null || s.daysSinceFeedback >= FEEDBACK_STALE_DAYS)) {
    out.push({ code: 'ask_feedback', urgency: 30, params: { days: s.daysSinceFeedback }, target: { type: 'survey', id: null } });
  }
  if (!out.length) out.push({ code: 'thank', urgency: 0, params: {}, target: null });
  return out.sort((a, b) => b.urgency - a.urgency);
}
