import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { validationFailed } from '../http/field-errors';
import { LoginDto } from './dto/login.dto';

/** Passport local, after checking the body's shape so malformed input is a 400, not a 401. */
@Injectable()
export class LocalLoginGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const body = context.switchToHttp().getRequest<{ body: unknown }>().body;
    const dto = plainToInstance(LoginDto, body ?? {});
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) {
      throw validationFailed(errors.map((e) => ({ field: e.property, messages: Object.values(e.constraints ?? {}) })));
    }
    return (await super.canActivate(context)) as boolean;
  }
}
