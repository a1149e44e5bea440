import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './core/audit/audit.module';
import { AccessGuard } from './core/auth/access.guard';
import { AuthModule } from './core/auth/auth.module';
import { AppConfig } from './core/config/app-config';
import { ConfigModule } from './core/config/config.module';
import { DatabaseModule } from './core/database/database.module';
import { AllExceptionsFilter } from './core/http/all-exceptions.filter';
import { createValidationPipe } from './core/http/validation';
import { loggerOptions } from './core/http/logging';
import { AuditLogModule } from './modules/audit-log/audit-log.module';
import { HealthModule } from './modules/health/health.module';
import { RECORD_TYPE_MODULES } from './modules/record-types';
import { UnitsModule } from './modules/units/units.module';
import { UsersModule } from './modules/users/users.module';
import { WeeklyReturnsModule } from './modules/weekly-returns/weekly-returns.module';
import { WebModule } from './web/web.module';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: loggerOptions }),
    DatabaseModule,
    AuditModule,
    AuthModule,
    HealthModule,
    UnitsModule,
    UsersModule,
    AuditLogModule,
    ...RECORD_TYPE_MODULES,
    WeeklyReturnsModule,
    WebModule,
  ],
  providers: [
    // The deny-by-default access check. Floods are refused earlier, before the body is read
    // (registerRateLimit in app.setup.ts).
    { provide: APP_GUARD, useExisting: AccessGuard },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
export class AppModule {}
