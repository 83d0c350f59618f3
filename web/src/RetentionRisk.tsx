import { useTranslation } from 'react-i18next';

export interface ChurnReason {
  code: string;
  points: number;
  detail: Record<string, number>;
}
export interface ChurnRisk {
  score: number;
  level: 'low' | 'medium' | 'high';
  reasons: ChurnReason[];
  value: { revenue12m: number; purchases12m: number; currency: string };
}

// The existing badge colours: red for high, amber for medium.
const LEVEL_CLASS = { high: 'badge urgent', medium: 'badge high', low: 'badge' } as const;

export function RiskBadge({ level, score }: { level: ChurnRisk['level']; score: number }) {
  const { t } = useTranslation();
  return (
    <span className={LEVEL_CLASS[level]} data-testid="risk-level">
      {t(`risk_${level}`)} · {score}
    </span>
  );
}

/** One reason as a sentence with its facts, and the points it adds. */
export function ReasonList({ reasons }: { reasons: ChurnReason[] }) {
  const { t } = useTranslation();
  if (reasons.length === 0) return <p className="muted">{t('noRiskReasons')}</p>;
  return (
    <ul className="reasons" aria-label={t('reasons')} style={{ margin: 0, paddingLeft: '1.1rem' }}>
      {reasons.map((r) => (
        <li key={r.code} data-testid="risk-reason">
          {/* `count` would make i18next look for plural forms; the facts go in as n and friends. */}
          {t(`reason_${r.code}`, { ...r.detail, n: r.detail.count })} <small className="muted">(+{r.points})</small>
        </li>
      ))}
    </ul>
  );
}

/** The Customer 360 tile: level, score and the reasons behind them, with the customer's value. */
export function ChurnRiskTile({ risk }: { risk: ChurnRisk }) {
  const { t, i18n } = useTranslation();
  const money = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: risk.value.currency, maximumFractionDigits: 0 });
  return (
    <div className="tile" data-testid="churn-risk">
      <h2>{t('churnRisk')}</h2>
      <p>
        <RiskBadge level={risk.level} score={risk.score} />
      </p>
      <ReasonList reasons={risk.reasons} />
      <p className="muted">
        {t('revenue12m')}: {money.format(risk.value.revenue12m)}
      </p>
    </div>
  );
}
