import { SetMetadata } from '@nestjs/common';
import type { Role } from '#scheduling';

/** Who may call what. Every route declares one of these; a route with neither is denied. */
export type { Role };

export const ROLES_KEY = 'auth:roles';
export const PUBLIC_KEY = 'auth:public';

/** The roles allowed on a controller or route (admin is always allowed). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** No authentication needed (health, docs, calendar feeds that carry their own secret token). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
