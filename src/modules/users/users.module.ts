import { Module } from '@nestjs/common';
import { AuthModule } from '../../core/auth/auth.module';
import { UnitsModule } from '../units/units.module';
import { FirstAdminService } from './first-admin.service';
import { AccountController, UserChangeRequestsController, UsersController } from './users.controller';
import { UserChangeRequestsService } from './user-change-requests.service';
import { UsersService } from './users.service';

@Module({
  imports: [AuthModule, UnitsModule],
  controllers: [UsersController, UserChangeRequestsController, AccountController],
  providers: [UsersService, UserChangeRequestsService, FirstAdminService],
  exports: [UsersService, UserChangeRequestsService, FirstAdminService],
})
export class UsersModule {}
