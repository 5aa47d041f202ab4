import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApplicationError, ApplicationErrorCode, type Accounts } from '#scheduling';
import type { Queues } from '#queues';
import { problemType, statusTitle } from '../http/problem.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Answers like the Nest guard and ProblemFilter would: 401 without a valid bearer credential, 403
 * for any role but admin. bull-board's routes are plain Fastify routes that Nest's guard never sees.
 */
async function adminOnly(accounts: Accounts, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  let failure: ApplicationError | null = null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (!match) failure = ApplicationError.unauthenticated();
  else {
    try {
      const actor = await accounts.authenticate(match[1]!);
      if (actor.role !== 'admin')
        failure = ApplicationError.forbidden(`Your role (${actor.role}) may not see the queue dashboard; it is for administrators.`);
    } catch (error) {
      if (!(error instanceof ApplicationError)) throw error;
      failure = error;
    }
  }
  if (!failure) return;
  const status = failure.code === ApplicationErrorCode.Unauthenticated ? 401 : 403;
  if (status === 401) void reply.header('www-authenticate', 'Bearer');
  await reply
    .status(status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send({
      type: problemType(failure.code),
      title: statusTitle(status),
      status,
      detail: failure.message,
      code: failure.code,
      instance: request.url,
      requestId: String(request.id),
    });
}

/** bull-board at /admin/queues, every route of it (pages, API, static files) behind `adminOnly`. */
export function registerQueueDashboard(fastify: FastifyInstance, queues: Queues, accounts: Accounts): void {
  const board = new FastifyAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: [...queues.byName.values()].map((queue) => new BullMQAdapter(queue, { readOnlyMode: false })),
    serverAdapter: board,
  });
  // Not awaited: Fastify loads it with the other plugins when the app gets ready.
  void fastify.register(
    async (scope) => {
      scope.addHook('onRequest', (request, reply) => adminOnly(accounts, request, reply));
      await scope.register(board.registerPlugin());
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}
