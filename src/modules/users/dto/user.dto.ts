import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { ROLES, Role } from '../../../core/auth/roles';
import { PageQueryDto } from '../../../core/records/dto/page-query.dto';
import { CHANGE_REQUEST_STATUSES } from '../entities/user-change-request.entity';

export class CreateUserDto {
  @ApiProperty({ example: 'j.officer' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/, { message: 'username must be 3-64 characters: lower-case letters, digits, . _ -' })
  username: string;

  @ApiProperty({ example: 'DC J Officer' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  displayName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty()
  @IsUUID()
  unitId: string;

  @ApiProperty({ minLength: 12, maxLength: 256 })
  @IsString()
  @MaxLength(256)
  password: string;
}

/** Admin changes to an account: any of these, with the version last read. */
export class UpdateUserDto {
  @ApiProperty({ description: 'The version you last read; a stale one gets 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ description: "Disabling stops the user's tokens at once" })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ description: 'Unlock an account locked after repeated failed sign-ins' })
  @IsOptional()
  @IsIn([true], { message: 'unlock can only be true' })
  unlock?: true;

  @ApiPropertyOptional({ description: 'Remove the second factor (lost phone); the user sets it up again' })
  @IsOptional()
  @IsIn([true], { message: 'resetTotp can only be true' })
  resetTotp?: true;

  @ApiPropertyOptional({ description: 'A new password (reset); stops existing tokens' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  password?: string;
}

export class UserListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @IsOptional()
  @IsIn(ROLES)
  role?: string;
}

export class ChangeRequestListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CHANGE_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(CHANGE_REQUEST_STATUSES)
  status?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  userId?: string;
}

export class RefuseChangeRequestDto {
  @ApiProperty({ description: 'Why the change is refused', maxLength: 500 })
  @IsString()
  @MinLength(3, { message: 'reason must be at least 3 characters' })
  @MaxLength(500)
  reason: string;
}

/** Replacing one's own password (a one-time one, or any current one): proves it with the current one. */
export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(64)
  username: string;

  @ApiProperty({ description: 'The current (one-time) password' })
  @IsString()
  @MaxLength(256)
  password: string;

  @ApiProperty({
    minLength: 12,
    maxLength: 256,
    description: 'The new password: at least 12 characters, not built on a common word or the username, not the current one',
  })
  @IsString()
  @MaxLength(256)
  newPassword: string;

  @ApiPropertyOptional({ description: 'A current second-factor code, when the account has one' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'totp must be the 6-digit code' })
  totp?: string;
}
