import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { WarrantsModule } from '../warrants/warrants.module';
import { SafeguardingVisitsController } from './safeguarding-visits.controller';
import { SafeguardingVisitsService } from './safeguarding-visits.service';

@Module({
  imports: [OperationsModule, WarrantsModule],
  controllers: [SafeguardingVisitsController],
  providers: [SafeguardingVisitsService],
  exports: [SafeguardingVisitsService],
})
export class SafeguardingVisitsModule {}
