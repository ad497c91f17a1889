import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, Global, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { AccessModule } from './common/access/access.module';
import { AccessGuard } from './common/auth/access.guard';
import { Clock, SystemClock } from './common/context/clock';
import { ListTotals } from './common/pagination/capped-count';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { EventsModule } from './common/events/events.module';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { dataSourceOptions, type DatabaseTarget } from './database/data-source-options';
import { ReplicaModule } from './common/replica';
import { AnalyticsModule } from './modules/analytics/analytics.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { CalendarModule } from './modules/calendar/calendar.module';
import { CompanyModule } from './modules/company/company.module';
import { ClientsModule } from './modules/clients/clients.module';
import { FunnelModule } from './modules/funnel/funnel.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { MarketingModule } from './modules/marketing/marketing.module';
import { QueueModule } from './modules/queue/queue.module';
import { PlanningModule } from './modules/planning/planning.module';
import { QualityModule } from './modules/quality/quality.module';
import { DepartmentsModule } from './modules/departments/departments.module';
import { HealthModule } from './modules/health/health.module';
import { IntegrationsModule } from './modules/integrations/integrations.module';
import { ReferenceModule } from './modules/reference/reference.module';
import { ServiceModule } from './modules/service/service.module';
import { UsersModule } from './modules/users/users.module';

export interface AppModuleOptions {
  config: AppConfig;
  database: DatabaseTarget;
  /** Replaces the system clock (tests pin "today"). */
  clock?: Clock;
  /** Extra modules mounted in the app (tests use it to probe the global guard). */
  extraImports?: DynamicModule['imports'];
}

/** Nest's start-up chatter: a line per module and per route, and «started» (the banner says so). */
const NEST_BOOT_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Configuration, the clock and the lists' capped totals (one memo per process), available to every module. */
@Global()
@Module({})
class CoreModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        ListTotals,
      ],
      exports: [APP_CONFIG, Clock, ListTotals],
    };
  }
}

/** The signed-in user of a finished request (set by the access guard), for the request log. */
function userIdOf(req: IncomingMessage): string | undefined {
  return (req as { user?: { id?: string } }).user?.id;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const { config } = options;
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(options),
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            // The id is set by the request-context middleware (configure-app.ts).
            genReqId: (req) => (req as { id?: string }).id ?? randomUUID(),
            // Slim request and response records. pino-http serialises the request into a child
            // logger on every request, logged or not; the standard serializers copy every
            // header (then redacted) and the response's headers. Headers are not logged at all
            // now; the redaction stays for any record that still carries them.
            wrapSerializers: false,
            serializers: {
              req: (req: IncomingMessage & { id?: string; originalUrl?: string }) => ({ id: req.id, method: req.method, url: req.originalUrl ?? req.url }),
              res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
              err: pino.stdSerializers.err,
            },
            customSuccessObject: (req, _res, value) => ({ ...value, userId: userIdOf(req) }),
            customErrorObject: (req, _res, _error, value) => ({ ...value, userId: userIdOf(req) }),
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/api/health' },
            // Nest announces every module and route at start (300 lines at info): kept for
            // LOG_LEVEL=debug, so that the first start ends with the addresses and logins in view.
            hooks: {
              logMethod(args, method, level) {
                const context = (args[0] as { context?: unknown } | undefined)?.context;
                if (level === 30 && typeof context === 'string' && NEST_BOOT_CONTEXTS.has(context) && !this.isLevelEnabled('debug')) return;
                method.apply(this, args);
              },
            },
          },
        }),
        TypeOrmModule.forRoot({ ...dataSourceOptions(options.database), migrationsRun: false }),
        ...(config.serveWebDir
          ? [
              ServeStaticModule.forRoot({
                rootPath: config.serveWebDir,
                exclude: ['/api/{*path}'],
                serveStaticOptions: { index: ['index.html'], maxAge: '1h' },
              }),
            ]
          : []),
        ReplicaModule,
        AccessModule,
        EventsModule,
        AuditModule,
        AuthModule,
        UsersModule,
        DepartmentsModule,
        CalendarModule,
        CompanyModule,
        HealthModule,
        ReferenceModule,
        ClientsModule,
        ServiceModule,
        QualityModule,
        FunnelModule,
        QueueModule,
        JobsModule,
        PlanningModule,
        AnalyticsModule,
        MarketingModule,
        IntegrationsModule,
        ...(options.extraImports ?? []),
      ],
      providers: [
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
