import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { WarrantsModule } from '../warrants/warrants.module';
import { ExhibitMovementsService } from './exhibit-movements.service';
import { ExhibitsController } from './exhibits.controller';
import { ExhibitsService } from './exhibits.service';

@Module({
  imports: [OperationsModule, WarrantsModule],
  controllers: [ExhibitsController],
  providers: [ExhibitsService, ExhibitMovementsService],
  exports: [ExhibitsService, ExhibitMovementsService],
})
export class ExhibitsModule {}
