import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query, type Type } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DateTime } from 'luxon';
import { Catalogs, Clock, type Catalog, type CreateInput, type PageRequest, type UpdateInput } from '#scheduling';
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
}

/**
 * The five REST operations of a catalog resource. One factory instead of six hand-copied
 * controllers: each resource differs only in its DTOs and mapping, passed in as options.
 */
export function CatalogController<T extends { id: string }, F, C, U, Q extends PageRequest>(options: CatalogControllerOptions<T, F, C, U, Q>) {
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
    @ApiOperation({ summary: `Create a ${options.resource}` })
    @ApiBody({ type: options.createDto })
    async create(@Body(validationPipeFor(options.createDto)) body: C) {
      return this.respond(await this.catalog.create(options.toCreate(body)));
    }

    @Get()
    @ApiOperation({ summary: `List ${options.resource}s, paged and filtered` })
    async list(@Query(validationPipeFor(options.queryDto)) query: Q) {
      const page = await this.catalog.list(options.toFilter(query), { page: query.page, pageSize: query.pageSize });
      return pageResponse(page, (item) => this.respond(item));
    }

    @Get(':id')
    @ApiOperation({ summary: `Read one ${options.resource}` })
    async get(@Param('id', new IdPipe(options.resource)) id: string) {
      return this.respond(await this.catalog.get(id));
    }

    @Patch(':id')
    @ApiOperation({ summary: `Change some fields of a ${options.resource}` })
    @ApiBody({ type: options.updateDto })
    async update(@Param('id', new IdPipe(options.resource)) id: string, @Body(validationPipeFor(options.updateDto)) body: U) {
      return this.respond(await this.catalog.update(id, body as UpdateInput<T>));
    }

    @Delete(':id')
    @HttpCode(204)
    @ApiNoContentResponse()
    @ApiOperation({ summary: `Delete a ${options.resource} that nothing refers to` })
    async delete(@Param('id', new IdPipe(options.resource)) id: string): Promise<void> {
      await this.catalog.delete(id);
    }
  }
  Object.defineProperty(ResourceController, 'name', { value: `${options.tag.replace(/\W/g, '')}Controller` });
  return ResourceController;
}
