import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Accounts, ApiTokens, ROLES, type Actor } from '#scheduling';
import { IdPipe } from '../http/validation.js';
import { ChangePasswordDto, CreateApiTokenDto, LoginDto, LogoutDto, RefreshDto, UpdateMeDto } from './auth.dto.js';
import { apiTokenResponse, signedInResponse, userResponse } from './auth.responses.js';
import { CurrentActor } from './current-actor.decorator.js';
import { Public, Roles } from './roles.decorator.js';

const everyone = ROLES;

@ApiTags('Accounts')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(Accounts) private readonly accounts: Accounts,
    @Inject(ApiTokens) private readonly apiTokens: ApiTokens,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: a 15-minute access token and a refresh token. Limited per account and per address (429).' })
  async login(@Body() body: LoginDto, @Req() request: FastifyRequest) {
    return signedInResponse(await this.accounts.login({ email: body.email, password: body.password, address: request.ip }));
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Swap a refresh token for a new pair; reusing an old one ends the whole sign-in' })
  async refresh(@Body() body: RefreshDto) {
    return signedInResponse(await this.accounts.refresh(body.refreshToken));
  }

  @Post('logout')
  @Roles(...everyone)
  @HttpCode(204)
  @ApiOperation({ summary: 'End this sign-in: its refresh tokens and access tokens stop working' })
  async logout(@CurrentActor() actor: Actor, @Body() body: LogoutDto): Promise<void> {
    await this.accounts.logout(actor, body.refreshToken);
  }

  @Post('password')
  @Roles(...everyone)
  @HttpCode(200)
  @ApiOperation({ summary: 'Change your password; every other sign-in ends, and a fresh one is returned' })
  async changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto) {
    return signedInResponse(await this.accounts.changePassword(actor, body));
  }

  @Get('me')
  @Roles(...everyone)
  @ApiOperation({ summary: 'Who you are signed in as' })
  async me(@CurrentActor() actor: Actor) {
    return { ...userResponse(await this.accounts.me(actor)), authenticatedWith: actor.via };
  }

  @Patch('me')
  @Roles(...everyone)
  @ApiOperation({ summary: 'Change your own display name or language (remembered for the web app and reminders)' })
  async updateMe(@CurrentActor() actor: Actor, @Body() body: UpdateMeDto) {
    return { ...userResponse(await this.accounts.updateMe(actor, body)), authenticatedWith: actor.via };
  }

  @Post('api-tokens')
  @Roles(...everyone)
  @ApiOperation({ summary: 'Make an API token for an integration; it acts as you. The token is shown only in this answer.' })
  async createApiToken(@CurrentActor() actor: Actor, @Body() body: CreateApiTokenDto) {
    const { token, record } = await this.apiTokens.create(actor, body);
    return { ...apiTokenResponse(record), token };
  }

  @Get('api-tokens')
  @Roles(...everyone)
  @ApiOperation({ summary: 'Your API tokens (without the tokens themselves)' })
  async listApiTokens(@CurrentActor() actor: Actor) {
    return { items: (await this.apiTokens.list(actor)).map(apiTokenResponse) };
  }

  @Delete('api-tokens/:id')
  @Roles(...everyone)
  @ApiOperation({ summary: 'Revoke an API token' })
  async revokeApiToken(@CurrentActor() actor: Actor, @Param('id', new IdPipe('API token')) id: string) {
    return apiTokenResponse(await this.apiTokens.revoke(actor, id));
  }
}
