import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { WarrantsController } from './warrants.controller';
import { WarrantsService } from './warrants.service';

@Module({ imports: [OperationsModule], controllers: [WarrantsController], providers: [WarrantsService], exports: [WarrantsService] })
export class WarrantsModule {}
