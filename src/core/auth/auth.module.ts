import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '../config/app-config';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { ActorCacheService } from './actor-cache.service';
import { AuthService, JWT_AUDIENCE, JWT_ISSUER } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { LoginService } from './login.service';
import { TotpService } from './totp.service';
import { PasswordService } from './password.service';
import { JwtStrategy, LocalStrategy } from './strategies';

@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.JWT_SECRET,
        signOptions: { algorithm: 'HS256', expiresIn: config.JWT_TTL_SECONDS, issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
        verifyOptions: { algorithms: ['HS256'], issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [ActorCacheService, AuthService, LoginService, LoginThrottleService, TotpService, PasswordService, LocalStrategy, JwtStrategy, AccessGuard],
  exports: [AuthService, LoginService, TotpService, PasswordService, LoginThrottleService, AccessGuard, ActorCacheService],
})
export class AuthModule {}
