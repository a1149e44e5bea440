import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { ROLES, Role } from '../../../core/auth/roles';
import { PageQueryDto } from '../../../core/records/dto/page-query.dto';

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

  @ApiPropertyOptional({ description: 'Disabling stops the user\'s tokens at once' })
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
