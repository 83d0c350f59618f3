/**
 * A background loop: `round` does a batch of work and says how much; the next round follows at
 * once while there is work, after `idleMs` when there is none. Errors are reported and the loop
 * goes on. `whenIdle()` resolves once a round that started after the call finds nothing to do.
 */
export function startPollingLoop(options: { round: () => Promise<number>; idleMs: number; before?: Promise<unknown>; onError?: (err: Error) => void }) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let busy: Promise<void> | null = null;
  let waiters: (() => void)[] = [];

  const round = async () => {
    const waiting = waiters;
    waiters = [];
    let work = 0;
    try {
      work = await options.round();
    } catch (err) {
      options.onError?.(err as Error);
    }
    if (work === 0) waiting.forEach((resolve) => resolve());
    else waiters.push(...waiting);
    if (!stopped) schedule(work ? 0 : options.idleMs);
  };
  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      timer = undefined;
      busy = round().finally(() => (busy = null));
    }, ms);
  };
  const ready = Promise.resolve(options.before)
    .catch((err: Error) => options.onError?.(err))
    .then(() => {
      if (!stopped) schedule(0);
    });

  return {
    async whenIdle(): Promise<void> {
      await ready;
      const idle = new Promise<void>((resolve) => waiters.push(resolve));
      if (timer && !busy) {
        clearTimeout(timer);
        schedule(0);
      }
      return idle;
    },
    async stop() {
      stopped = true;
      await ready;
      if (timer) clearTimeout(timer);
      await busy;
    },
  };
}
