import { Module } from '@nestjs/common';
import { FiguresModule } from '../figures/figures.module';
import { WeeklyReturnAccess } from './weekly-return-access.service';
import { WeeklyReturnsController } from './weekly-returns.controller';
import { WeeklyReturnsExportService } from './weekly-returns-export.service';
import { WeeklyReturnsReportingService } from './weekly-returns-reporting.service';
import { WeeklyReturnsSignOffService } from './weekly-returns-sign-off.service';

@Module({
  imports: [FiguresModule],
  controllers: [WeeklyReturnsController],
  providers: [WeeklyReturnAccess, WeeklyReturnsReportingService, WeeklyReturnsSignOffService, WeeklyReturnsExportService],
  exports: [WeeklyReturnsReportingService, WeeklyReturnsSignOffService],
})
export class WeeklyReturnsModule {}
