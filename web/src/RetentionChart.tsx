import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const GROUP_COLOURS: Record<string, string> = { promoter: '#1a7f37', passive: '#9a6700', detractor: '#c62828' };
const OTHER_COLOURS = ['#1f4fd1', '#8250df', '#0a7d8c', '#bc4c00', '#57606a'];

export function groupColour(group: string, index: number): string {
  return GROUP_COLOURS[group] ?? OTHER_COLOURS[index % OTHER_COLOURS.length]!;
}

/** One line per group over the periods (gaps where a group has no customers). */
export function RetentionChart({ periods, series, label }: { periods: string[]; series: { group: string; values: (number | null)[] }[]; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const x = periods.map((p) => Date.parse(`${p}T00:00:00Z`) / 1000);
    const plot = new uPlot(
      {
        width: el.clientWidth || 320,
        height: 180,
        legend: { show: false },
        series: [{}, ...series.map((s, i) => ({ label: s.group, stroke: groupColour(s.group, i), width: 2, spanGaps: false }))],
        axes: [{}, { size: 50 }],
      },
      [x, ...series.map((s) => s.values)] as uPlot.AlignedData,
      el,
    );
    return () => plot.destroy();
  }, [periods, series]);
  return <div ref={ref} className="chart" role="img" aria-label={label} />;
}
