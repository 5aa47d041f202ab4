import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '#config';
import { PersistenceModule } from '#persistence';
import { QueuesModule } from '#queues';
import { SchedulingModule } from '#scheduling';
import { APP_CONFIG } from './app-config.token.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthModule } from './auth/auth.module.js';
import { CalendarController } from './calendar/calendar.controller.js';
import { CalendarFeedsController } from './calendar/calendar-feeds.controller.js';
import { withoutFeedToken } from './calendar/calendar-reply.js';
import * as catalog from './controllers/catalog.controllers.js';
import { HealthController } from './controllers/health.controller.js';
import { ReportsModule } from './reports/reports.module.js';
import { JointSessionsController } from './controllers/joint-sessions.controller.js';
import { ProblemFilter } from './http/problem.filter.js';
import { validationPipe } from './http/validation.js';
import { TimetablesController } from './timetables/timetables.controller.js';
import { SchedulingApiModule } from './scheduling/scheduling-api.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { QueueDashboardModule } from './queue-dashboard/queue-dashboard.module.js';

export { APP_CONFIG };

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const persistence = PersistenceModule.forRoot(config.database);
    const providers: Provider[] = [
      { provide: APP_CONFIG, useValue: config },
      { provide: APP_FILTER, useClass: ProblemFilter },
      { provide: APP_PIPE, useValue: validationPipe },
      // Deny by default: every route needs @Public or @Roles (auth/roles.decorator.ts).
      { provide: APP_GUARD, useClass: AuthGuard },
    ];
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          // nestjs-pino's default route object never matches on Nest 12 + Fastify 5 (no request was
          // logged); the plain wildcard string does.
          forRoutes: ['{*splat}'],
          pinoHttp: {
            level: config.logLevel,
            genReqId: (request) => request.id as string,
            customProps: () => ({ service: 'api' }),
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            serializers: { req: (req: { url: string }) => Object.assign(req, { url: withoutFeedToken(req.url) }) },
            autoLogging: { ignore: (request) => request.url?.startsWith('/health') ?? false },
          },
        }),
        TerminusModule.forRoot({ logger: false }),
        persistence,
        QueuesModule.forRoot(config.redisUrl),
        SchedulingModule.forRoot({ imports: [persistence] }),
        AuthModule.forRoot(config.auth),
        SchedulingApiModule.forRoot(config),
        RemindersModule,
        QueueDashboardModule.forRoot(config),
        ReportsModule,
      ],
      controllers: [
        HealthController,
        catalog.InstitutionsController,
        catalog.TermsController,
        catalog.InstructorsController,
        catalog.CoursesController,
        catalog.WesternClassesController,
        catalog.PairingsController,
        JointSessionsController,
        TimetablesController,
        CalendarFeedsController,
        CalendarController,
      ],
      providers,
      exports: [APP_CONFIG],
    };
  }
}
