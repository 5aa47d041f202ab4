import { randomUUID } from 'node:crypto';
import { ROLES, type Actor, type Role } from '../actor.js';
import { ApplicationError, ApplicationErrorCode } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { UserAccount, UserFilter } from '../ports/accounts.js';
import type { Page, PageRequest, Stores, UnitOfWork } from '../ports/stores.js';
import { checkNewPassword } from './accounts.js';
import { hashPassword } from './passwords.js';

export interface CreateUserCommand {
  email: string;
  displayName: string;
  role: Role;
  institutionId?: string | null;
  instructorId?: string | null;
  locale?: string;
  password: string;
}

export type UpdateUserCommand = Partial<CreateUserCommand>;

/** Fills and checks a user's links: an institution coordinator names an institution, a teacher an instructor. */
async function linked(stores: Stores, user: UserAccount): Promise<UserAccount> {
  if (!ROLES.includes(user.role)) throw ApplicationError.invalidInput('role', `must be one of ${ROLES.join(', ')}`);
  switch (user.role) {
    case 'institution_coordinator': {
      if (!user.institutionId)
        throw ApplicationError.invalidInput('institutionId', 'an institution coordinator needs the institution they coordinate');
      if (!(await stores.institutions.findById(user.institutionId)))
        throw ApplicationError.invalidReference('institutionId', 'institution', user.institutionId);
      return { ...user, instructorId: null };
    }
    case 'teacher': {
      if (!user.instructorId)
        throw ApplicationError.invalidInput('instructorId', 'a teacher account acts as one instructor or host teacher');
      const instructor = await stores.instructors.findById(user.instructorId);
      if (!instructor) throw ApplicationError.invalidReference('instructorId', 'instructor', user.instructorId);
      return { ...user, institutionId: instructor.institutionId };
    }
    default:
      return { ...user, institutionId: null, instructorId: null };
  }
}

/** Accounts administration (admins only; the route says so and so does each method). */
export class Users {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, command: CreateUserCommand): Promise<UserAccount> {
    requireAdmin(actor);
    checkNewPassword(command.password);
    const passwordHash = await hashPassword(command.password);
    return this.unitOfWork.run(async (stores) => {
      const email = command.email.trim().toLowerCase();
      if (await stores.users.findByEmail(email))
        throw new ApplicationError(ApplicationErrorCode.Conflict, `An account with the email ${email} already exists.`);
      const user = await linked(stores, {
        id: randomUUID(),
        email,
        displayName: command.displayName,
        role: command.role,
        institutionId: command.institutionId ?? null,
        instructorId: command.instructorId ?? null,
        locale: command.locale ?? 'zh-CN',
        passwordHash,
        createdAt: this.clock.now().toUTC().toISO()!,
      });
      await stores.users.save(user);
      return user;
    });
  }

  list(actor: Actor, filter: UserFilter, page: PageRequest): Promise<Page<UserAccount>> {
    requireAdmin(actor);
    return this.unitOfWork.run((stores) => stores.users.list(filter, page));
  }

  get(actor: Actor, id: string): Promise<UserAccount> {
    requireAdmin(actor);
    return this.unitOfWork.run((stores) => load(stores, id));
  }

  /** A new password or role ends the user's sign-ins. */
  async update(actor: Actor, id: string, command: UpdateUserCommand): Promise<UserAccount> {
    requireAdmin(actor);
    if (command.password !== undefined) checkNewPassword(command.password);
    const passwordHash = command.password === undefined ? undefined : await hashPassword(command.password);
    return this.unitOfWork.run(async (stores) => {
      const current = await load(stores, id);
      if (id === actor.userId && command.role !== undefined && command.role !== current.role)
        throw ApplicationError.invalidInput('role', 'you cannot change your own role; ask another administrator');
      const { password: _password, ...fields } = command;
      const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
      if (typeof defined.email === 'string') defined.email = defined.email.trim().toLowerCase();
      const user = await linked(stores, { ...current, ...defined, id, passwordHash: passwordHash ?? current.passwordHash });
      await stores.users.save(user);
      if (
        passwordHash ||
        user.role !== current.role ||
        user.institutionId !== current.institutionId ||
        user.instructorId !== current.instructorId
      )
        await stores.refreshTokens.revokeAllOfUser(id, this.clock.now().toUTC().toISO()!);
      return user;
    });
  }

  delete(actor: Actor, id: string): Promise<void> {
    requireAdmin(actor);
    if (id === actor.userId) throw ApplicationError.invalidInput('id', 'you cannot delete your own account');
    return this.unitOfWork.run(async (stores) => {
      await load(stores, id);
      await stores.users.delete(id);
    });
  }
}

export function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'system') throw ApplicationError.forbidden('Only a program administrator may do this.');
}

async function load(stores: Stores, id: string): Promise<UserAccount> {
  const user = await stores.users.findById(id);
  if (!user) throw ApplicationError.notFound('user', id);
  return user;
}
