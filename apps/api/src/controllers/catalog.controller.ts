import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query, type Type } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DateTime } from 'luxon';
import { Catalogs, Clock, type Actor, type Catalog, type CreateInput, type PageRequest, type UpdateInput } from '#scheduling';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { Roles, type Role } from '../auth/roles.decorator.js';
import { IdPipe, validationPipeFor } from '../http/validation.js';
import { pageResponse } from '../mappers/responses.js';

interface CatalogControllerOptions<T extends { id: string }, F, C, U, Q extends PageRequest> {
  path: string;
  tag: string;
  resource: string;
  catalog: (catalogs: Catalogs) => Catalog<T, F>;
  createDto: Type<C>;
  updateDto: Type<U>;
  queryDto: Type<Q>;
  /** Request body -> record fields, filling documented defaults. */
  toCreate: (body: C) => CreateInput<T>;
  toFilter: (query: Q) => F;
  /** `now` lets a response show live clocks (an institution's local times). */
  toResponse: (item: T, now: DateTime) => unknown;
  /** Who may call each operation (admin always may); which records they reach is the use case's business. */
  roles: { read: Role[]; create: Role[]; update: Role[]; delete: Role[] };
}

/**
 * The five REST operations of a catalog resource. One factory instead of six hand-copied
 * controllers: each resource differs only in its DTOs and mapping, passed in as options.
 */
export function CatalogController<T extends { id: string }, F, C, U, Q extends PageRequest>(
  options: CatalogControllerOptions<T, F, C, U, Q>,
) {
  @ApiTags(options.tag)
  @Controller(options.path)
  class ResourceController {
    readonly catalog: Catalog<T, F>;

    constructor(
      @Inject(Catalogs) catalogs: Catalogs,
      @Inject(Clock) private readonly clock: Clock,
    ) {
      this.catalog = options.catalog(catalogs);
    }

    respond(item: T) {
      return options.toResponse(item, this.clock.now());
    }

    @Post()
    @Roles(...options.roles.create)
    @ApiOperation({ summary: `Create a ${options.resource}` })
    @ApiBody({ type: options.createDto })
    async create(@CurrentActor() actor: Actor, @Body(validationPipeFor(options.createDto)) body: C) {
      return this.respond(await this.catalog.create(options.toCreate(body), actor));
    }

    @Get()
    @Roles(...options.roles.read)
    @ApiOperation({ summary: `List ${options.resource}s, paged and filtered` })
    async list(@CurrentActor() actor: Actor, @Query(validationPipeFor(options.queryDto)) query: Q) {
      const page = await this.catalog.list(options.toFilter(query), { page: query.page, pageSize: query.pageSize }, actor);
      return pageResponse(page, (item) => this.respond(item));
    }

    @Get(':id')
    @Roles(...options.roles.read)
    @ApiOperation({ summary: `Read one ${options.resource}` })
    async get(@CurrentActor() actor: Actor, @Param('id', new IdPipe(options.resource)) id: string) {
      return this.respond(await this.catalog.get(id, actor));
    }

    @Patch(':id')
    @Roles(...options.roles.update)
    @ApiOperation({ summary: `Change some fields of a ${options.resource}` })
    @ApiBody({ type: options.updateDto })
    async update(
      @CurrentActor() actor: Actor,
      @Param('id', new IdPipe(options.resource)) id: string,
      @Body(validationPipeFor(options.updateDto)) body: U,
    ) {
      return this.respond(await this.catalog.update(id, body as UpdateInput<T>, actor));
    }

    @Delete(':id')
    @Roles(...options.roles.delete)
    @HttpCode(204)
    @ApiNoContentResponse()
    @ApiOperation({ summary: `Delete a ${options.resource} that nothing refers to` })
    async delete(@CurrentActor() actor: Actor, @Param('id', new IdPipe(options.resource)) id: string): Promise<void> {
      await this.catalog.delete(id, actor);
    }
  }
  Object.defineProperty(ResourceController, 'name', { value: `${options.tag.replace(/\W/g, '')}Controller` });
  return ResourceController;
}
