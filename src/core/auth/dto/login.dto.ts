import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'j.officer' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;

  @ApiProperty({ required: false, example: '123456', description: 'The authenticator code, for users with a second factor' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'totp must be 6 digits' })
  totp?: string;

  @ApiProperty({
    required: false,
    maxLength: 200,
    description: 'Why you are using Haven this session (UK DPA 2018 s.62); kept in the audit log of every read unless a request gives its own X-Purpose',
  })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  purpose?: string;
}

export class TotpCodeDto {
  @ApiProperty({ example: '123456' })
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code: string;
}

export class SessionUserDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty({ enum: ['officer', 'supervisor', 'auditor', 'admin'] }) role: string;
  @ApiProperty() unitId: string;
}

export class LoginResponseDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn: number;
  @ApiProperty({ type: SessionUserDto }) user: SessionUserDto;
  @ApiProperty({ description: 'True when the token may only set up a second factor (POST /auth/totp/setup)' })
  mustEnrolTotp: boolean;
}
