import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { api } from './api';

export interface HistoryPoint {
  at: string;
  members: number;
  joined: number;
  left: number;
}

export const historyQuery = (id: string, days = 90) => ({
  queryKey: ['segment-history', id, days],
  queryFn: () => api<{ data: HistoryPoint[] }>(`/api/v1/segments/${id}/history?days=${days}`),
});

/** Members after each recompute (uPlot, like the score trends); small enough for a table row. */
export function SegmentHistoryChart({ id, label, height = 40, width = 180 }: { id: string; label: string; height?: number; width?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const history = useQuery(historyQuery(id));
  useEffect(() => {
    const el = ref.current;
    const points = history.data?.data ?? [];
    if (!el || points.length < 2) return;
    const small = height < 80;
    const plot = new uPlot(
      {
        width: small ? width : el.clientWidth || width,
        height,
        legend: { show: false },
        cursor: { show: !small },
        series: [{}, { stroke: '#1f4fd1', width: 2, fill: 'rgba(31,79,209,0.1)' }],
        axes: small ? [{ show: false }, { show: false }] : [{}, { size: 50 }],
      },
      [points.map((p) => Date.parse(p.at) / 1000), points.map((p) => p.members)] as uPlot.AlignedData,
      el,
    );
    return () => plot.destroy();
  }, [history.data, height, width]);
  return <div ref={ref} role="img" aria-label={label} />;
}
