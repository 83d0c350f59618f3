import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite must be opened by one process per data directory: two would corrupt it. A pid file
 * guards the directory; a stale one (its process gone, e.g. after a crash) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'opinia.pid');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `Another Opinia process (pid ${pid}) is using ${dataDir}. Stop it first, or use the HTTP API while it runs.`,
      );
    }
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
