import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '#scheduling';

/** The request's key under which the guard leaves the authenticated actor. */
export const ACTOR_KEY = 'actor';

/**
 * The signed-in caller, as the guard resolved it: pass it to the use cases, which keep to its
 * reach. Only on routes with @Roles (a @Public route has no actor).
 */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = (context.switchToHttp().getRequest() as Record<string, unknown>)[ACTOR_KEY] as Actor | undefined;
  if (!actor) throw new Error('CurrentActor used on a route without @Roles: the guard resolved no actor');
  return actor;
});
