import { Body, Get, HttpException, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../core/auth/access.decorator';
import { Permission } from '../../core/auth/permissions';
import { ROLES } from '../../core/auth/roles';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { CreateUnitDto } from '../../modules/units/dto/unit.dto';
import { UNIT_KINDS } from '../../modules/units/entities/unit.entity';
import { UnitsService } from '../../modules/units/units.service';
import { CreateUserDto, UpdateUserDto } from '../../modules/users/dto/user.dto';
import type { UserChangeRequest } from '../../modules/users/entities/user-change-request.entity';
import { UserChangeRequestsService } from '../../modules/users/user-change-requests.service';
import { isPendingChange, UsersService } from '../../modules/users/users.service';
import {
  errorsByField,
  exceptionMessage,
  FieldDef,
  FieldError,
  formToDto,
  isUniqueViolation,
  Option,
  pickValues,
  serviceFieldErrors,
  str,
  toFieldErrors,
  validateDto,
} from '../forms/form-fields';
import { formatDateTime } from '../forms/london-time';
import { humanise } from '../render/nunjucks-env';
import { WebPages } from '../render/web-pages.service';
import { RecordIdPipe } from '../records/record-web.controller';
import { WebController } from '../web-controller.decorator';

const UNIT_FIELDS: FieldDef[] = [
  {
    name: 'code',
    label: 'Code',
    kind: 'text',
    required: true,
    hint: 'Upper-case letters, digits and hyphens, for example BCU-NE',
    classes: 'govuk-input--width-10',
    emptyMessage: 'Enter the unit code',
  },
  {
    name: 'name',
    label: 'Name',
    kind: 'text',
    required: true,
    hint: 'For example, North East borough team',
    classes: 'govuk-!-width-two-thirds',
    emptyMessage: 'Enter the unit name',
    spellcheck: true,
  },
  {
    name: 'kind',
    label: 'Kind',
    kind: 'radios',
    required: true,
    options: UNIT_KINDS.map((k) => ({ value: k, text: k === 'central' ? 'Central team (sees every unit)' : 'Borough team' })),
    emptyMessage: 'Select the kind of unit',
  },
];

const roleOptions: Option[] = ROLES.map((r) => ({ value: r, text: humanise(r) }));
const PASSWORD_HINT =
  'A one-time password: at least 12 characters, not built on a common word or the username. Tell the user in person or by a separate, secure route; they must choose their own when they first sign in.';

const userFields = (): FieldDef[] => [
  {
    name: 'username',
    label: 'Username',
    kind: 'text',
    required: true,
    hint: 'Lower-case letters, digits, dots, hyphens and underscores, for example j.smith',
    classes: 'govuk-input--width-20',
    emptyMessage: 'Enter a username',
  },
  {
    name: 'displayName',
    label: 'Full name and rank',
    kind: 'text',
    required: true,
    hint: 'For example, DC J Smith',
    classes: 'govuk-!-width-two-thirds',
    emptyMessage: 'Enter the full name and rank',
    spellcheck: true,
  },
  { name: 'role', label: 'Role', kind: 'radios', required: true, options: roleOptions, emptyMessage: 'Select a role' },
  { name: 'unitId', label: 'Unit', kind: 'select', required: true, emptyMessage: 'Select the unit' },
  {
    name: 'password',
    label: 'First password',
    kind: 'password',
    required: true,
    hint: PASSWORD_HINT,
    classes: 'govuk-!-width-two-thirds',
    emptyMessage: 'Enter a first password',
    autocomplete: 'new-password',
  },
];

const ROLE_FIELD: FieldDef = { name: 'role', label: 'Role', kind: 'select', required: true, options: roleOptions };
const PASSWORD_FIELD: FieldDef = {
  name: 'password',
  label: 'New password',
  kind: 'password',
  required: true,
  hint: PASSWORD_HINT,
  emptyMessage: 'Enter the new password',
  autocomplete: 'new-password',
};

type UserAction = 'role' | 'access' | 'unlock' | 'password' | 'second-factor';

/** Units and user accounts, for administrators: the API's UnitsService and UsersService behind forms. */
@WebController()
export class AdminPagesController {
  constructor(
    private readonly units: UnitsService,
    private readonly users: UsersService,
    private readonly requests: UserChangeRequestsService,
    private readonly pages: WebPages,
  ) {}

  @Get('units')
  @Allow(Permission.UnitRead)
  async unitList(@Ctx() ctx: RequestContext, @Res() reply: FastifyReply) {
    const page = await this.units.list(ctx, { limit: 200 });
    return this.pages.render(reply, 'admin/units', { title: 'Units', units: page.items });
  }

  @Get('units/new')
  @Allow(Permission.UnitWrite)
  unitForm(@Res() reply: FastifyReply) {
    return this.pages.render(reply, 'admin/unit-form', { title: 'Add a unit', fields: UNIT_FIELDS, values: {}, errors: [], fieldErrors: {} });
  }

  @Post('units')
  @Allow(Permission.UnitWrite)
  async createUnit(@Ctx() ctx: RequestContext, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply) {
    const values = pickValues(UNIT_FIELDS, body);
    values.code = values.code.trim().toUpperCase();
    const again = (errors: FieldError[], status: number) =>
      this.pages.render(reply, 'admin/unit-form', { title: 'Add a unit', fields: UNIT_FIELDS, values, errors, fieldErrors: errorsByField(errors) }, status);
    const { dto, errors } = await formToDto(CreateUnitDto, UNIT_FIELDS, values, 'create');
    if (!dto) return again(errors, 400);
    try {
      const unit = await this.units.create(ctx, dto);
      return this.pages.redirect(reply, '/units', `Unit ${unit.code} added`);
    } catch (e) {
      const mapped = serviceFieldErrors(UNIT_FIELDS, e);
      if (mapped) return again(mapped, 400);
      if (isUniqueViolation(e)) return again([{ field: 'code', href: 'code', text: 'A unit with that code already exists' }], 409);
      if (e instanceof HttpException && e.getStatus() === HttpStatus.CONFLICT) return again([{ field: 'kind', href: 'kind', text: exceptionMessage(e) }], 409);
      throw e;
    }
  }

  @Get('users')
  @Allow(Permission.UserRead)
  async userList(@Ctx() ctx: RequestContext, @Query() q: Record<string, unknown>, @Res() reply: FastifyReply) {
    const unitId = str(q.unitId);
    const role = str(q.role);
    const [units, page, pending] = await Promise.all([
      this.units.list(ctx, { limit: 200 }),
      this.users.list(ctx, {
        limit: 200,
        filters: { ...(/^[0-9a-f-]{36}$/i.test(unitId) ? { unitId } : {}), ...((ROLES as readonly string[]).includes(role) ? { role } : {}) },
      }),
      this.requests.list(ctx, { limit: 200, filters: { status: 'pending' } }),
    ]);
    const code = new Map(units.items.map((u) => [u.id, u.code]));
    return this.pages.render(reply, 'admin/users', {
      title: 'Users',
      users: page.items.map((u) => ({ ...u, unitCode: code.get(u.unitId) ?? '', lastLogin: formatDateTime(u.lastLoginAt) })),
      unitOptions: units.items.map((u) => ({ value: u.id, text: `${u.code} – ${u.name}` })),
      roleOptions,
      filter: { unitId, role },
      pendingCount: pending.items.length,
    });
  }

  @Get('users/new')
  @Allow(Permission.UserWrite)
  async userForm(@Ctx() ctx: RequestContext, @Res() reply: FastifyReply) {
    return this.showUserForm(ctx, reply, {}, []);
  }

  @Post('users')
  @Allow(Permission.UserWrite)
  async createUser(@Ctx() ctx: RequestContext, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply) {
    const fields = userFields();
    const values = pickValues(fields, body);
    values.username = values.username.trim().toLowerCase();
    const { dto, errors } = await formToDto(CreateUserDto, fields, values, 'create');
    if (!dto) return this.showUserForm(ctx, reply, { ...values, password: '' }, errors, 400);
    try {
      const user = await this.users.create(ctx, dto);
      const notice = user.pendingChange
        ? `User ${user.username} added, disabled until another administrator approves the ${humanise(user.role).toLowerCase()} role`
        : `User ${user.username} added`;
      return this.pages.redirect(reply, `/users/${user.id}`, notice);
    } catch (e) {
      const mapped = serviceFieldErrors(fields, e);
      if (mapped) return this.showUserForm(ctx, reply, { ...values, password: '' }, mapped, 400);
      if (isUniqueViolation(e))
        return this.showUserForm(
          ctx,
          reply,
          { ...values, password: '' },
          [{ field: 'username', href: 'username', text: 'That username is already taken' }],
          409,
        );
      if (e instanceof HttpException && e.getStatus() === HttpStatus.FORBIDDEN)
        return this.showUserForm(
          ctx,
          reply,
          { ...values, password: '' },
          [{ field: 'unitId', href: 'unitId', text: 'You may only add accounts to your own unit' }],
          403,
        );
      throw e;
    }
  }

  /** What waits for a second administrator, with approve and refuse (withdraw, for one's own) buttons. */
  @Get('users/requests')
  @Allow(Permission.UserRead)
  async requestList(@Ctx() ctx: RequestContext, @Res() reply: FastifyReply) {
    return this.showRequests(ctx, reply, {});
  }

  @Post('users/requests/:id/approve')
  @Allow(Permission.UserWrite)
  async approve(@Ctx() ctx: RequestContext, @Param('id', RecordIdPipe) id: string, @Res() reply: FastifyReply) {
    try {
      const r = await this.requests.approve(ctx, id);
      return this.pages.redirect(reply, `/users/${r.userId}`, "Change approved and applied: the account's earlier sessions have ended");
    } catch (e) {
      if (e instanceof HttpException && [HttpStatus.FORBIDDEN, HttpStatus.CONFLICT].includes(e.getStatus())) {
        return this.showRequests(
          ctx,
          reply,
          {},
          [{ field: 'approve', href: 'main-content', text: `${exceptionMessage(e)}: nothing was changed` }],
          e.getStatus(),
        );
      }
      throw e;
    }
  }

  @Post('users/requests/:id/refuse')
  @Allow(Permission.UserWrite)
  async refuse(@Ctx() ctx: RequestContext, @Param('id', RecordIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply) {
    const reason = str(body.reason).trim();
    if (reason.length < 3 || reason.length > 500) {
      const text = reason ? 'The reason must be between 3 and 500 characters' : 'Enter why you refuse or withdraw it';
      return this.showRequests(ctx, reply, { [`reason-${id}`]: text }, [{ field: `reason-${id}`, href: `reason-${id}`, text }], 400);
    }
    try {
      await this.requests.refuse(ctx, id, reason);
      return this.pages.redirect(reply, '/users/requests', 'Request closed: nothing was changed');
    } catch (e) {
      if (e instanceof HttpException && e.getStatus() === HttpStatus.CONFLICT) {
        return this.showRequests(ctx, reply, {}, [{ field: 'refuse', href: 'main-content', text: exceptionMessage(e) }], 409);
      }
      throw e;
    }
  }

  @Get('users/:id')
  @Allow(Permission.UserRead)
  async user(@Ctx() ctx: RequestContext, @Param('id', RecordIdPipe) id: string, @Res() reply: FastifyReply) {
    return this.showUser(ctx, reply, id, [], {});
  }

  @Post('users/:id/role')
  @Allow(Permission.UserWrite)
  changeRole(@Ctx() ctx: RequestContext, @Param('id', RecordIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply) {
    return this.change(ctx, reply, id, body, 'role', { role: str(body.role) || undefined }, 'Role changed: their earlier sessions have ended');
  }

  @Post('users/:id/access')
  @Allow(Permission.UserWrite)
  access(@Ctx() ctx: RequestContext, @Param('id', RecordIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply) {
    const disabled = body.disabled === 'true' ? true : body.disabled === 'false' ? false : undefined;
    return this.change(ctx, reply, id, body, 'access', { disabled }, disabled ? 'Account disabled: its sessions ended at once' : 'Account enabled');
  }

  @Post('users/:id/unlock')
  @Allow(Permission.UserWrite)
  unlock(@Ctx() ctx: RequestContext, @Param('id', RecordIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply) {
    return this.change(ctx, reply, id, body, 'unlock', { unlock: true }, 'Account unlocked');
  }

  @Post('users/:id/password')
  @Allow(Permission.UserWrite)
  password(@Ctx() ctx: RequestContext, @Param('id', RecordIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply) {
    const password = str(body.password);
    if (!password) return this.showUser(ctx, reply, id, [{ field: 'password', href: 'password', text: 'Enter the new password' }], {}, 400);
    return this.change(ctx, reply, id, body, 'password', { password }, 'Password reset: their earlier sessions have ended');
  }

  @Post('users/:id/second-factor')
  @Allow(Permission.UserWrite)
  resetSecondFactor(@Ctx() ctx: RequestContext, @Param('id', RecordIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply) {
    return this.change(ctx, reply, id, body, 'second-factor', { resetTotp: true }, 'Second factor removed: they set up a new one when they next sign in');
  }

  /** One account change through UsersService.update, with the version the page was read at. */
  private async change(
    ctx: RequestContext,
    reply: FastifyReply,
    id: string,
    body: Record<string, unknown>,
    action: UserAction,
    patch: Record<string, unknown>,
    notice: string,
  ) {
    const version = /^\d{1,9}$/.test(str(body.version)) ? Number(str(body.version)) : undefined;
    const { dto, errors } = await validateDto(UpdateUserDto, { version, ...patch });
    const fields = [ROLE_FIELD, PASSWORD_FIELD, { name: 'version', label: 'Version', kind: 'text' } as FieldDef];
    if (errors.length) return this.showUser(ctx, reply, id, toFieldErrors(fields, errors), { role: str(body.role) }, 400);
    try {
      const result = await this.users.update(ctx, id, dto);
      if (isPendingChange(result))
        return this.pages.redirect(reply, `/users/${id}`, 'Change asked for: it takes effect when another administrator approves it');
      return this.pages.redirect(reply, `/users/${id}`, notice);
    } catch (e) {
      const mapped = serviceFieldErrors(fields, e);
      if (mapped) return this.showUser(ctx, reply, id, mapped, { role: str(body.role) }, 400);
      if (e instanceof HttpException && e.getStatus() === HttpStatus.FORBIDDEN) {
        return this.showUser(ctx, reply, id, [{ field: action, href: 'main-content', text: `${exceptionMessage(e)}: nothing was changed` }], {}, 403);
      }
      if (e instanceof HttpException && e.getStatus() === HttpStatus.CONFLICT) {
        const stale = /changed by someone else/.test(exceptionMessage(e));
        return this.showUser(
          ctx,
          reply,
          id,
          [
            {
              field: action,
              href: 'main-content',
              text: stale
                ? 'Someone else changed this account while you had it open: nothing was changed. Check it below and try again'
                : `${exceptionMessage(e)}: nothing was changed`,
            },
          ],
          {},
          409,
        );
      }
      throw e;
    }
  }

  private async showUser(ctx: RequestContext, reply: FastifyReply, id: string, errors: FieldError[], values: Record<string, string>, status = 200) {
    const user = await this.users.get(ctx, id);
    const units = await this.units.list(ctx, { limit: 200 });
    const unit = units.items.find((u) => u.id === user.unitId);
    const [open] = (await this.requests.list(ctx, { limit: 1, filters: { status: 'pending', userId: id } })).items;
    const pending = open ? (await this.describeRequests(ctx, [open], units.items))[0] : null;
    return this.pages.render(
      reply,
      'admin/user',
      {
        title: user.displayName,
        u: user,
        unit,
        lastLogin: formatDateTime(user.lastLoginAt),
        lockedAt: formatDateTime(user.lockedAt),
        pending,
        roleField: ROLE_FIELD,
        passwordField: PASSWORD_FIELD,
        values: { role: values.role || user.role },
        errors,
        fieldErrors: errorsByField(errors),
      },
      status,
    );
  }

  private async showRequests(ctx: RequestContext, reply: FastifyReply, fieldErrors: Record<string, string>, errors: FieldError[] = [], status = 200) {
    const [page, units] = await Promise.all([this.requests.list(ctx, { limit: 200, filters: { status: 'pending' } }), this.units.list(ctx, { limit: 200 })]);
    return this.pages.render(
      reply,
      'admin/requests',
      { title: 'Waiting for approval', requests: await this.describeRequests(ctx, page.items, units.items), errors, fieldErrors },
      status,
    );
  }

  /** Requests with names instead of ids: the accounts they concern and who asked (one audited list). */
  private async describeRequests(ctx: RequestContext, items: UserChangeRequest[], units: { id: string; code: string }[]) {
    if (!items.length) return [];
    const people = await this.users.list(ctx, { limit: 200 });
    const name = new Map(people.items.map((u) => [u.id, u.username]));
    const code = new Map(units.map((u) => [u.id, u.code]));
    const me = ctx.requireActor().id;
    return items.map((r) => ({
      ...r,
      username: name.get(r.userId) ?? r.userId,
      unitCode: code.get(r.unitId) ?? r.unitId,
      fromUnitCode: r.fromUnitId ? (code.get(r.fromUnitId) ?? r.fromUnitId) : '',
      requestedBy: r.createdBy ? (name.get(r.createdBy) ?? 'an administrator outside your unit') : 'the system',
      requestedAt: formatDateTime(r.createdAt),
      mine: r.createdBy === me,
    }));
  }

  private async showUserForm(ctx: RequestContext, reply: FastifyReply, values: Record<string, string>, errors: FieldError[], status = 200) {
    const units = await this.units.list(ctx, { limit: 200 });
    return this.pages.render(
      reply,
      'admin/user-form',
      {
        title: 'Add a user',
        fields: userFields(),
        values,
        choices: { unitId: units.items.map((u) => ({ value: u.id, text: `${u.code} – ${u.name}` })) },
        errors,
        fieldErrors: errorsByField(errors),
      },
      status,
    );
  }
}
