import { Module } from '@nestjs/common';
import { AuthModule } from '../../core/auth/auth.module';
import { UnitsModule } from '../units/units.module';
import { FirstAdminService } from './first-admin.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [AuthModule, UnitsModule],
  controllers: [UsersController],
  providers: [UsersService, FirstAdminService],
  exports: [UsersService, FirstAdminService],
})
export class UsersModule {}
