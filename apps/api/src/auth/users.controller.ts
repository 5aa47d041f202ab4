import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Users, type Actor } from '#scheduling';
import { IdPipe } from '../http/validation.js';
import { pageResponse } from '../mappers/responses.js';
import { CreateUserDto, UpdateUserDto, UserQuery } from './auth.dto.js';
import { userResponse } from './auth.responses.js';
import { CurrentActor } from './current-actor.decorator.js';
import { Roles } from './roles.decorator.js';

const id = new IdPipe('user');

/** Accounts administration: program administrators only (admin always passes the guard). */
@ApiTags('Accounts')
@Controller('users')
@Roles()
export class UsersController {
  constructor(@Inject(Users) private readonly users: Users) {}

  @Post()
  @ApiOperation({ summary: 'Create an account with a role (an institution coordinator names an institution, a teacher an instructor)' })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto) {
    return userResponse(await this.users.create(actor, body));
  }

  @Get()
  @ApiOperation({ summary: 'List accounts' })
  async list(@CurrentActor() actor: Actor, @Query() query: UserQuery) {
    const { page, pageSize, ...filter } = query;
    return pageResponse(await this.users.list(actor, filter, { page, pageSize }), userResponse);
  }

  @Get(':id')
  async get(@CurrentActor() actor: Actor, @Param('id', id) userId: string) {
    return userResponse(await this.users.get(actor, userId));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an account; a new password, role or link ends its sign-ins' })
  async update(@CurrentActor() actor: Actor, @Param('id', id) userId: string, @Body() body: UpdateUserDto) {
    return userResponse(await this.users.update(actor, userId, body));
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@CurrentActor() actor: Actor, @Param('id', id) userId: string): Promise<void> {
    await this.users.delete(actor, userId);
  }
}
