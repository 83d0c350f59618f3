import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { backends, createPostgresDatabase, dropPostgresDatabase } from '../src/db/test-harness.js';
import { npsSurveyBody } from '../src/server/test-server.js';

const API_KEY = 'durability-test-key-0123456789';
const BIN = join(import.meta.dirname, '..', 'bin', 'opinia.js');

/** Starts `opinia start` as its own process and resolves with its URL once it listens. */
function startServer(env: Record<string, string>, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--no-demo', '--data-dir', dataDir], {
      env: { ...process.env, ...env, OPINIA_LOG: '0', OPINIA_BOOTSTRAP_API_KEY: API_KEY },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const match = /running on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.stderr!.on('data', (d) => (err += d));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function call(url: string, method: string, path: string, body?: unknown) {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${API_KEY}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as any };
}

for (const backend of backends()) {
  describe(`durability [${backend}]`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'opinia-durability-'));
    let drop: (() => Promise<void>) | undefined;
    after(async () => {
      rmSync(dataDir, { recursive: true, force: true });
      await drop?.();
    });

    test('every acknowledged response survives SIGKILL and a restart', async () => {
      const env: Record<string, string> = {};
      if (backend === 'postgres') {
        const url = await createPostgresDatabase();
        env.DATABASE_URL = url;
        drop = () => dropPostgresDatabase(url);
      }
      const first = await startServer(env, dataDir);
      const survey = await call(first.url, 'POST', '/api/v1/surveys', npsSurveyBody());
      assert.equal(survey.status, 201);
      // Many concurrent submissions, so several share a group commit; then kill at once.
      const acked = await Promise.all(
        Array.from({ length: 120 }, (_, i) =>
          call(first.url, 'POST', `/api/v1/surveys/${survey.body.id}/responses`, { answers: { nps: i % 11 } }),
        ),
      );
      assert.ok(acked.every((r) => r.status === 201));
      await killHard(first.child);

      const second = await startServer(env, dataDir);
      try {
        const ids = new Set<string>();
        let cursor: string | null = null;
        do {
          const page = await call(second.url, 'GET', `/api/v1/surveys/${survey.body.id}/responses?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
          for (const r of page.body.data) ids.add(r.id);
          cursor = page.body.nextCursor;
        } while (cursor);
        for (const r of acked) assert.ok(ids.has(r.body.id), `acknowledged response ${r.body.id} is there after the restart`);
        const metrics = await call(second.url, 'GET', `/api/v1/surveys/${survey.body.id}/metrics`);
        assert.equal(metrics.status, 200);
        assert.equal(metrics.body.questions[0].n, 120, 'and the rollup agrees');
      } finally {
        await killHard(second.child);
      }
    });
  });
}
