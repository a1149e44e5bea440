import { Module } from '@nestjs/common';
import { AuthModule } from '../core/auth/auth.module';
import { ERROR_PAGES } from '../core/http/error-pages';
import { RECORD_TYPE_MODULES } from '../modules/record-types';
import { WeeklyReturnsModule } from '../modules/weekly-returns/weekly-returns.module';
import { AuditLogModule } from '../modules/audit-log/audit-log.module';
import { AuditPagesController } from './audit/audit-pages.controller';
import { UnitsModule } from '../modules/units/units.module';
import { UsersModule } from '../modules/users/users.module';
import { AdminPagesController } from './admin/admin-pages.controller';
import { HomeController } from './pages/home.controller';
import { SignInController } from './pages/sign-in.controller';
import { SecondFactorController } from './pages/second-factor.controller';
import { ChangePasswordController } from './pages/change-password.controller';
import { RecordChoices } from './records/record-choices.service';
import { RECORD_PAGE_CONTROLLERS } from './records/record-page-controllers';
import { WebExceptionFilter } from './render/web-exception.filter';
import { WeeklyReturnPagesController } from './returns/weekly-return-pages.controller';
import { WebPages } from './render/web-pages.service';
import { CookieSecurityCheck } from './session/cookie-security';
import { CsrfGuard } from './session/csrf';
import { SessionRefreshInterceptor } from './session/session-refresh.interceptor';

/**
 * The web front office: server-rendered GOV.UK Design System pages over the same services, unit
 * scope and audit trail as the JSON API. See web-paths.ts for how its URLs are served.
 */
@Module({
  imports: [AuthModule, ...RECORD_TYPE_MODULES, WeeklyReturnsModule, AuditLogModule, UnitsModule, UsersModule],
  controllers: [
    SignInController,
    HomeController,
    SecondFactorController,
    ChangePasswordController,
    ...RECORD_PAGE_CONTROLLERS,
    WeeklyReturnPagesController,
    AuditPagesController,
    AdminPagesController,
  ],
  providers: [
    WebPages,
    WebExceptionFilter,
    CsrfGuard,
    CookieSecurityCheck,
    SessionRefreshInterceptor,
    RecordChoices,
    { provide: ERROR_PAGES, useExisting: WebExceptionFilter },
  ],
  // The global error filter answers a web address that matches no page with these.
  exports: [ERROR_PAGES],
})
export class WebModule {}
