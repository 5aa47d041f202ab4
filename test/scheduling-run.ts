import { expect } from '@jest/globals';
import type { Requester } from './test-app.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a scheduling run as `coordinator` and waits until it has ended; returns the run. */
export async function runToEnd(coordinator: Requester, body: unknown): Promise<any> {
  const started = await coordinator('POST', '/scheduling/runs', body);
  expect(started.status).toBe(202);
  for (let i = 0; i < 1200; i++) {
    const response = await coordinator('GET', `/scheduling/runs/${started.body.id}`);
    if (['succeeded', 'failed', 'cancelled'].includes(response.body.status)) return response.body;
    await sleep(50);
  }
  throw new Error('the run did not finish in time');
}
