import { Module, type DynamicModule } from '@nestjs/common';
import type { AuthConfig } from '#config';
import { AccessTokens, Accounts, ApiTokens, AuditLog, Clock, UnitOfWork, Users } from '#scheduling';
import { AuditLogController } from './audit-log.controller.js';
import { AuthController } from './auth.controller.js';
import { JoseAccessTokens } from './jose-access-tokens.js';
import { UsersController } from './users.controller.js';

/** Accounts, tokens and the audit log; the app registers AuthGuard globally with Accounts from here. */
@Module({})
export class AuthModule {
  static forRoot(auth: AuthConfig): DynamicModule {
    return {
      module: AuthModule,
      controllers: [AuthController, UsersController, AuditLogController],
      providers: [
        { provide: AccessTokens, useValue: new JoseAccessTokens(auth.secret) },
        {
          provide: Accounts,
          useFactory: (unitOfWork: UnitOfWork, clock: Clock, tokens: AccessTokens) =>
            new Accounts(unitOfWork, clock, tokens, {
              accessTokenMinutes: auth.accessTokenMinutes,
              refreshTokenDays: auth.refreshTokenDays,
            }),
          inject: [UnitOfWork, Clock, AccessTokens],
        },
        { provide: Users, useFactory: (unitOfWork: UnitOfWork, clock: Clock) => new Users(unitOfWork, clock), inject: [UnitOfWork, Clock] },
        {
          provide: ApiTokens,
          useFactory: (unitOfWork: UnitOfWork, clock: Clock) => new ApiTokens(unitOfWork, clock),
          inject: [UnitOfWork, Clock],
        },
        { provide: AuditLog, useFactory: (unitOfWork: UnitOfWork) => new AuditLog(unitOfWork), inject: [UnitOfWork] },
      ],
      exports: [Accounts, AccessTokens, Users],
    };
  }
}
