import type { FastifyRequest } from 'fastify';
import { AppError, forbidden } from '../errors.ts';
import type { Action, Actor, Scope } from './actor.ts';

/** The signed-in actor of a request; 401 when anonymous. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
  return request.actor;
}

/** The scope the actor has for an action on an area; administrators have 'all' everywhere. */
export function can(actor: Actor, area: string, action: Action): Scope {
  if (actor.isAdmin) return 'all';
  return actor.grants[area]?.[action] ?? actor.grants['*']?.[action] ?? 'none';
}

/** Like can(), but refuses with 403 when the actor has no scope at all. */
export function requirePermission(actor: Actor, area: string, action: Action): Exclude<Scope, 'none'> {
  const scope = can(actor, area, action);
  if (scope === 'none') throw forbidden(`You may not ${action} in ${area}`);
  return scope;
}

/** Administration endpoints (users, roles, settings): admins, or an 'admin' area grant. */
export function requireAdmin(actor: Actor, action: Action = 'update'): void {
  if (!actor.isAdmin && can(actor, 'admin', action) !== 'all') throw forbidden('Administrators only');
}
