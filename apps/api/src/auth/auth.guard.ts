import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Accounts, ApplicationError, type Role } from '#scheduling';
import { ACTOR_KEY } from './current-actor.decorator.js';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator.js';

/**
 * Deny by default. A @Public route passes; every other route needs a bearer credential (access
 * token or API token), and then a role named by @Roles (admin always passes). A route with
 * neither decorator is refused even for a valid caller: a forgotten decorator fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(Accounts) private readonly accounts: Accounts,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) throw ApplicationError.unauthenticated();
    const actor = await this.accounts.authenticate(match[1]!);
    (request as unknown as Record<string, unknown>)[ACTOR_KEY] = actor;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles) throw ApplicationError.forbidden('This route declares no access rule, so it is closed to everyone.');
    if (actor.role !== 'admin' && !roles.includes(actor.role as Role))
      throw ApplicationError.forbidden(`Your role (${actor.role}) may not do this.`);
    return true;
  }
}
