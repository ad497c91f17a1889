import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import { ApiErrors } from '../../common/errors/api-errors.decorator';
import { UuidParam } from '../../common/http/id-param';
import { CompetitorsService } from './competitors.service';
import { CompetitorDto, CompetitorListQueryDto, CreateCompetitorDto, UpdateCompetitorDto } from './dto/competitor.dto';

@ApiTags('competitors')
@Controller('competitors')
export class CompetitorsController {
  constructor(private readonly competitors: CompetitorsService) {}

  @Get()
  @RequirePermission('competitors.read')
  @ApiOperation({ summary: 'Competitors by name, with the deals lost to each (in the caller’s scope)' })
  @ApiOkResponse({ type: [CompetitorDto] })
  list(@Query() query: CompetitorListQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<CompetitorDto[]> {
    return this.competitors.list(query, user);
  }

  @Get(':id')
  @RequirePermission('competitors.read')
  @ApiOkResponse({ type: CompetitorDto })
  @ApiErrors({ 404: [] })
  get(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<CompetitorDto> {
    return this.competitors.get(id, user);
  }

  @Post()
  @RequirePermission('competitors.manage')
  @ApiCreatedResponse({ type: CompetitorDto })
  @ApiErrors({ 409: ['competitor_name_taken'] })
  create(@Body() body: CreateCompetitorDto, @CurrentUser() user: AuthenticatedUser): Promise<CompetitorDto> {
    return this.competitors.create(body, user);
  }

  @Patch(':id')
  @RequirePermission('competitors.manage')
  @ApiOkResponse({ type: CompetitorDto })
  @ApiErrors({ 404: [], 409: ['stale_version', 'competitor_name_taken'] })
  update(@UuidParam() id: string, @Body() body: UpdateCompetitorDto, @CurrentUser() user: AuthenticatedUser): Promise<CompetitorDto> {
    return this.competitors.update(id, body, user);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('competitors.manage')
  @ApiNoContentResponse({ description: 'Deleted (only when no deal was lost to it)' })
  @ApiErrors({ 404: [], 409: ['competitor_in_use'] })
  remove(@UuidParam() id: string): Promise<void> {
    return this.competitors.remove(id);
  }
}
