import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { UuidParam } from '../../common/http/id-param';
import { ApiPageResponse, CursorPageMetaDto, type Page } from '../../common/pagination/page.dto';
import { ClientsService } from './clients.service';
import {
  BulkReassignDto,
  BulkReassignResultDto,
  ClientDto,
  ClientListQueryDto,
  CreateClientDto,
  DuplicateConflictDto,
  ReassignClientDto,
  UpdateClientDto,
} from './dto/client.dto';
import { ApiErrors } from '../../common/errors/api-errors.decorator';

@ApiTags('clients')
@Controller('clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Get()
  @RequirePermission('clients.read')
  @ApiOperation({ summary: 'Clients in your scope: filters, search (word forms, prefix, INN, phone), sort, pages' })
  @ApiPageResponse(ClientDto, CursorPageMetaDto)
  list(@Query() query: ClientListQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<ClientDto>> {
    return this.clients.list(query, user);
  }

  @Post()
  @RequirePermission('clients.write')
  @ApiOperation({ summary: 'Create a client; a possible duplicate answers 409 with the matches unless confirmed' })
  @ApiCreatedResponse({ type: ClientDto })
  @ApiConflictResponse({ type: DuplicateConflictDto, description: 'Possible duplicate (same INN, phone, e-mail or a very similar name in the city)' })
  @ApiErrors({ 422: ['manager_required', 'manager_not_allowed', 'not_a_manager', 'reference_not_found', 'inn_kind_mismatch'] })
  create(@Body() body: CreateClientDto, @CurrentUser() user: AuthenticatedUser): Promise<ClientDto> {
    return this.clients.create(body, user);
  }

  @Post('reassign')
  @HttpCode(200)
  @RequirePermission('clients.reassign')
  @ApiOperation({ summary: 'Move a selection of clients, or all clients of one manager, to another manager' })
  @ApiOkResponse({ type: BulkReassignResultDto })
  async bulkReassign(@Body() body: BulkReassignDto, @CurrentUser() user: AuthenticatedUser): Promise<BulkReassignResultDto> {
    return { moved: await this.clients.bulkReassign(body, user) };
  }

  @Get(':id')
  @RequirePermission('clients.read')
  @ApiOkResponse({ type: ClientDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such client in your scope' })
  get(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<ClientDto> {
    return this.clients.get(id, user);
  }

  @Patch(':id')
  @RequirePermission('clients.write')
  @ApiOperation({ summary: 'Change client data; send the version you read (stale → 409)' })
  @ApiOkResponse({ type: ClientDto })
  @ApiConflictResponse({ type: ErrorResponseDto })
  update(@UuidParam() id: string, @Body() body: UpdateClientDto, @CurrentUser() user: AuthenticatedUser): Promise<ClientDto> {
    return this.clients.update(id, body, user);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @RequirePermission('clients.write')
  @ApiOkResponse({ type: ClientDto })
  archive(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<ClientDto> {
    return this.clients.setArchived(id, true, user);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @RequirePermission('clients.write')
  @ApiOkResponse({ type: ClientDto })
  restore(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<ClientDto> {
    return this.clients.setArchived(id, false, user);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @RequirePermission('clients.reassign')
  @ApiOperation({ summary: 'Give the client to another manager (kept in history; open tasks follow)' })
  @ApiOkResponse({ type: ClientDto })
  @ApiErrors({ 404: [], 422: ['not_a_manager'] })
  reassign(@UuidParam() id: string, @Body() body: ReassignClientDto, @CurrentUser() user: AuthenticatedUser): Promise<ClientDto> {
    return this.clients.reassign(id, body.managerId, body.reason, user);
  }
}
