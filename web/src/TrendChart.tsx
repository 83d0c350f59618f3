import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { MetricQuestion } from './api';

/** The score over time with its 95% margin as a band (uPlot: small and fast). */
export function TrendChart({ q, label }: { q: MetricQuestion; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const x = q.trend.map((p) => Date.parse(`${p.period}T00:00:00Z`) / 1000);
    const value = q.trend.map((p) => (q.type === 'nps' || q.type === 'csat' ? p.score : p.mean) ?? null);
    const low = q.trend.map((p, i) => (value[i] !== null && p.marginOfError95 !== null ? value[i]! - p.marginOfError95 : null));
    const high = q.trend.map((p, i) => (value[i] !== null && p.marginOfError95 !== null ? value[i]! + p.marginOfError95 : null));
    const plot = new uPlot(
      {
        width: el.clientWidth || 320,
        height: 160,
        legend: { show: false },
        series: [{}, { stroke: '#1f4fd1', width: 2, spanGaps: true }, { stroke: 'transparent' }, { stroke: 'transparent' }],
        bands: [{ series: [3, 2], fill: 'rgba(31,79,209,0.15)' }],
        axes: [{}, { size: 40 }],
      },
      [x, value, low, high] as uPlot.AlignedData,
      el,
    );
    return () => plot.destroy();
  }, [q]);
  return <div ref={ref} className="chart" role="img" aria-label={label} />;
}
