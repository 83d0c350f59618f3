import { useTranslation } from 'react-i18next';
import type { MetricQuestion } from './api';
import { TrendChart } from './TrendChart';

/** One score question: the figure with its margin, n, the change and whether it is significant. */
export function ScoreTile({ q }: { q: MetricQuestion }) {
  const { t, i18n } = useTranslation();
  const number = (v: number, digits = 1) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v);
  const value = q.type === 'nps' ? q.score : q.type === 'csat' ? q.score : q.mean;
  const shown = value !== null && value !== undefined;
  const unit = q.type === 'csat' ? '%' : '';
  const digits = q.type === 'ces' || q.type === 'rating' ? 2 : 1;
  const change = q.change.change;
  const title = q.title[i18n.language] ?? Object.values(q.title)[0] ?? q.questionId;
  return (
    <section className="tile" aria-label={`${t(q.type)}: ${title}`}>
      <h2>
        <span className="kind">{t(q.type)}</span> {title}
      </h2>
      {shown ? (
        <p className="score" data-testid={`score-${q.questionId}`}>
          {number(value, digits)}
          {unit}
          {q.marginOfError95 !== null && <small> {t('margin', { value: number(q.marginOfError95, digits) })}</small>}
        </p>
      ) : (
        <p className="muted">{t('tooFew')}</p>
      )}
      <p className="n" data-testid={`n-${q.questionId}`}>{t('answers', { count: q.n })}</p>
      {change !== null && (
        <p className={q.change.significant ? 'change significant' : 'change'} title={q.change.test}>
          {t('vsPrevious', { value: `${change > 0 ? '+' : ''}${number(change, digits)}` })} · {q.change.significant ? t('significant') : t('notSignificant')}
        </p>
      )}
      {q.type === 'nps' && q.n > 0 && (
        <div className="split" aria-label={t('distribution')}>
          <span style={{ flexGrow: q.detractors }} className="d" title={`${t('detractors')}: ${q.detractors}`} />
          <span style={{ flexGrow: q.passives }} className="p" title={`${t('passives')}: ${q.passives}`} />
          <span style={{ flexGrow: q.promoters }} className="pr" title={`${t('promoters')}: ${q.promoters}`} />
        </div>
      )}
      <Distribution q={q} label={t('distribution')} />
      <TrendChart q={q} label={t('trend')} />
    </section>
  );
}

/** Answers per score value, as bars coloured by NPS group (or neutral for other scales). */
function Distribution({ q, label }: { q: MetricQuestion; label: string }) {
  const entries = Object.entries(q.distribution).map(([v, c]) => [Number(v), c] as const);
  const max = Math.max(1, ...entries.map(([, c]) => c));
  const colour = (v: number) => (q.type !== 'nps' ? 'bar' : v >= 9 ? 'bar pr' : v >= 7 ? 'bar p' : 'bar d');
  return (
    <figure className="dist" aria-label={label}>
      {entries.map(([v, c]) => (
        <div key={v} className="dist-col" title={`${v}: ${c}`}>
          <span className={colour(v)} style={{ height: `${(100 * c) / max}%` }} />
          <small>{v}</small>
        </div>
      ))}
    </figure>
  );
}
