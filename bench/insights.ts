import { readFileSync } from 'node:fs';
import { analyze } from '../src/insights/analyze.js';
import { composeComment, TOPICS, type Tone } from '../src/demo/comments.js';
import { Random } from '../src/demo/random.js';

export interface AnalyzeFigures {
  comments: number;
  averageChars: number;
  perSecond: number;
  /** Per second of CPU time used: steadier on a shared machine than the wall clock. */
  perCpuSecond: number;
  microsP50: number;
  microsP99: number;
  rssMiB: number;
  source: string;
}

/**
 * `analyze()` on one core (median of three passes): demo-style customer comments in pl/ro/en (and, when the shared data
 * folder is there, the sentiment dev texts, which are longer). Timed after one warm-up pass.
 */
export function benchAnalyze(count: number, dataDir = '../shared/data/sentiment'): AnalyzeFigures[] {
  const rng = new Random(7);
  const tones: Tone[] = ['positive', 'negative', 'mixed'];
  const demo = Array.from({ length: count }, () =>
    composeComment(rng, rng.pick(['pl', 'ro', 'en'] as const), rng.pick(['f', 'm'] as const), rng.pick(tones), rng.sample(TOPICS, rng.int(1, 2))),
  );
  const sets: [string, string[]][] = [['demo comments (pl/ro/en)', demo]];
  try {
    const dev = ['pl', 'ro', 'en'].flatMap((l) => readFileSync(`${dataDir}/${l}-dev.jsonl`, 'utf8').trim().split('\n').map((x) => JSON.parse(x).text as string));
    sets.push(['sentiment dev sets (reviews, tweets, Reddit)', dev]);
  } catch {
    // the shared data folder is optional for the benchmark
  }
  return sets.map(([source, texts]) => {
    for (const t of texts.slice(0, 2000)) analyze(t); // warm-up
    // Three passes, the median reported: this machine's speed wanders by a third between runs.
    const passes: { seconds: number; cpuSeconds: number; times: Float64Array }[] = [];
    for (let pass = 0; pass < 3; pass++) {
      const times = new Float64Array(texts.length);
      const cpu = process.cpuUsage();
      const start = performance.now();
      for (let i = 0; i < texts.length; i++) {
        const t0 = performance.now();
        analyze(texts[i]!);
        times[i] = performance.now() - t0;
      }
      const used = process.cpuUsage(cpu);
      passes.push({ seconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6, times: times.sort() });
    }
    const { seconds, cpuSeconds, times } = passes.sort((a, b) => a.seconds - b.seconds)[1]!;
    return {
      comments: texts.length,
      averageChars: Math.round(texts.reduce((s, t) => s + t.length, 0) / texts.length),
      perSecond: Math.round(texts.length / seconds),
      perCpuSecond: Math.round(texts.length / cpuSeconds),
      microsP50: Math.round(times[Math.floor(times.length * 0.5)]! * 1000),
      microsP99: Math.round(times[Math.floor(times.length * 0.99)]! * 1000),
      rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
      source,
    };
  });
}
