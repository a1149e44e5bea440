import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { WarrantsModule } from '../warrants/warrants.module';
import { ArrestsController } from './arrests.controller';
import { ArrestsService } from './arrests.service';

@Module({ imports: [OperationsModule, WarrantsModule], controllers: [ArrestsController], providers: [ArrestsService], exports: [ArrestsService] })
export class ArrestsModule {}
