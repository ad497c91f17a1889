import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import { UuidParam } from '../../common/http/id-param';
import { ApiPageResponse, type Page, PageQueryDto } from '../../common/pagination/page.dto';
import { ClientDto } from './dto/client.dto';
import { CreateSegmentDto, SegmentDto, SegmentListQueryDto, SegmentMembersDto, SegmentMembersResultDto, UpdateSegmentDto } from './dto/segment.dto';
import { SegmentsService } from './segments.service';

@ApiTags('segments')
@Controller('segments')
export class SegmentsController {
  constructor(private readonly segments: SegmentsService) {}

  @Get()
  @RequirePermission('clients.read')
  @ApiOperation({ summary: 'Your own segments and those others shared' })
  @ApiPageResponse(SegmentDto)
  list(@Query() query: SegmentListQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<SegmentDto>> {
    return this.segments.list(query, user);
  }

  @Post()
  @RequirePermission('segments.manage')
  @ApiOperation({ summary: 'Save a dynamic segment (a filter) or a static list' })
  @ApiCreatedResponse({ type: SegmentDto })
  create(@Body() body: CreateSegmentDto, @CurrentUser() user: AuthenticatedUser): Promise<SegmentDto> {
    return this.segments.create(body, user);
  }

  @Get(':id')
  @RequirePermission('clients.read')
  @ApiOkResponse({ type: SegmentDto })
  get(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<SegmentDto> {
    return this.segments.get(id, user);
  }

  @Patch(':id')
  @RequirePermission('segments.manage')
  @ApiOkResponse({ type: SegmentDto })
  update(@UuidParam() id: string, @Body() body: UpdateSegmentDto, @CurrentUser() user: AuthenticatedUser): Promise<SegmentDto> {
    return this.segments.update(id, body, user);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('segments.manage')
  @ApiNoContentResponse()
  remove(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.segments.remove(id, user);
  }

  @Get(':id/clients')
  @RequirePermission('clients.read')
  @ApiOperation({ summary: 'Members of the segment that are in your scope' })
  @ApiPageResponse(ClientDto)
  members(@UuidParam() id: string, @Query() query: PageQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<ClientDto>> {
    return this.segments.members(id, query, user);
  }

  @Post(':id/members')
  @HttpCode(200)
  @RequirePermission('segments.manage')
  @ApiOkResponse({ type: SegmentMembersResultDto })
  async addMembers(@UuidParam() id: string, @Body() body: SegmentMembersDto, @CurrentUser() user: AuthenticatedUser): Promise<SegmentMembersResultDto> {
    return { memberCount: await this.segments.changeMembers(id, body.clientIds, true, user) };
  }

  @Post(':id/members/remove')
  @HttpCode(200)
  @RequirePermission('segments.manage')
  @ApiOkResponse({ type: SegmentMembersResultDto })
  async removeMembers(@UuidParam() id: string, @Body() body: SegmentMembersDto, @CurrentUser() user: AuthenticatedUser): Promise<SegmentMembersResultDto> {
    return { memberCount: await this.segments.changeMembers(id, body.clientIds, false, user) };
  }
}
