import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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

    test('webhooks survive SIGKILL mid-delivery: after a restart every alert arrives, one delivery id each', async () => {
      const env: Record<string, string> = { OPINIA_DELIVERY_LEASE_SECONDS: '2' };
      if (backend === 'postgres') {
        const url = await createPostgresDatabase();
        env.DATABASE_URL = url;
        const previous = drop;
        drop = async () => {
          await previous?.();
          await dropPostgresDatabase(url);
        };
      }
      const hookDir = mkdtempSync(join(tmpdir(), 'opinia-hooks-'));
      // The receiver holds the first deliveries open (the server dies while waiting), then answers.
      let holding = true;
      const held: ServerResponse[] = [];
      const deliveries = new Map<string, Set<string>>(); // response id → delivery ids seen
      let firstArrived: () => void = () => {};
      const arrived = new Promise<void>((resolve) => (firstArrived = resolve));
      const receiver = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          const responseId = JSON.parse(body).data.responseId as string;
          const seen = deliveries.get(responseId) ?? new Set<string>();
          seen.add(String(req.headers['opinia-delivery']));
          deliveries.set(responseId, seen);
          firstArrived();
          if (holding) held.push(res);
          else res.writeHead(204).end();
        });
      });
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
      try {
        const first = await startServer(env, hookDir);
        const survey = await call(first.url, 'POST', '/api/v1/surveys', npsSurveyBody());
        const rule = await call(first.url, 'POST', '/api/v1/rules', {
          name: 'Detractors',
          trigger: 'response_received',
          conditions: [{ field: 'nps_group', operator: 'eq', value: 'detractor' }],
          actions: [{ type: 'webhook', url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks` }],
        });
        assert.equal(rule.status, 201);
        const acked = await Promise.all(
          Array.from({ length: 30 }, () => call(first.url, 'POST', `/api/v1/surveys/${survey.body.id}/responses`, { answers: { nps: 2 } })),
        );
        await arrived; // at least one delivery is in flight right now
        await killHard(first.child);
        holding = false;
        for (const res of held) res.destroy();

        const second = await startServer(env, hookDir);
        try {
          const expected = new Set(acked.map((r) => r.body.id as string));
          // Wait for the condition (every alert arrived); the deadline only keeps a failure from hanging.
          const deadline = Date.now() + 60_000;
          while ([...expected].some((id) => !deliveries.has(id))) {
            if (Date.now() > deadline) assert.fail(`${[...expected].filter((id) => !deliveries.has(id)).length} alerts never arrived`);
            await new Promise((r) => setTimeout(r, 20));
          }
          for (const id of expected) assert.equal(deliveries.get(id)!.size, 1, `response ${id} was delivered under one delivery id`);
          assert.equal(deliveries.size, 30);
        } finally {
          await killHard(second.child);
        }
      } finally {
        receiver.close();
        rmSync(hookDir, { recursive: true, force: true });
      }
    });
  });
}
