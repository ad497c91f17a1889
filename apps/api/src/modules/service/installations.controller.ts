import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import { ApiErrors } from '../../common/errors/api-errors.decorator';
import { UuidParam } from '../../common/http/id-param';
import { ApiPageResponse, type Page } from '../../common/pagination/page.dto';
import { CancelInstallationDto, FinishInstallationDto, InstallationDto, InstallationListQueryDto, StartInstallationDto, UpdateInstallationDto } from './dto/installation.dto';
import { InstallationsService } from './installations.service';

@ApiTags('service')
@Controller('installations')
export class InstallationsController {
  constructor(private readonly installations: InstallationsService) {}

  @Get()
  @RequirePermission('service.read')
  @ApiOperation({ summary: 'Installation jobs handed over from deals, nearest deadline first' })
  @ApiPageResponse(InstallationDto)
  list(@Query() query: InstallationListQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<InstallationDto>> {
    return this.installations.list(query, user);
  }

  @Get(':id')
  @RequirePermission('service.read')
  @ApiOkResponse({ type: InstallationDto })
  @ApiErrors({ 404: [] })
  get(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<InstallationDto> {
    return this.installations.get(id, user);
  }

  @Patch(':id')
  @RequirePermission('service.write')
  @ApiOperation({ summary: 'Plan the job: the day and the engineers' })
  @ApiOkResponse({ type: InstallationDto })
  @ApiErrors({ 404: [], 409: ['stale_version'], 422: ['installation_closed', 'not_an_engineer'] })
  update(@UuidParam() id: string, @Body() body: UpdateInstallationDto, @CurrentUser() user: AuthenticatedUser): Promise<InstallationDto> {
    return this.installations.update(id, body, user);
  }

  @Post(':id/start')
  @HttpCode(200)
  @RequirePermission('service.write')
  @ApiOkResponse({ type: InstallationDto })
  @ApiErrors({ 404: [], 409: ['stale_version'], 422: ['installation_not_planned'] })
  start(@UuidParam() id: string, @Body() body: StartInstallationDto, @CurrentUser() user: AuthenticatedUser): Promise<InstallationDto> {
    return this.installations.start(id, body, user);
  }

  @Post(':id/finish')
  @HttpCode(200)
  @RequirePermission('service.write')
  @ApiOperation({ summary: 'Finish the job: its units enter the equipment registry; after the deadline a slip reason is required' })
  @ApiOkResponse({ type: InstallationDto })
  @ApiErrors({ 404: [], 409: ['stale_version', 'serial_taken'], 422: ['installation_closed', 'slip_reason_required', 'units_required', 'product_not_found'] })
  finish(@UuidParam() id: string, @Body() body: FinishInstallationDto, @CurrentUser() user: AuthenticatedUser): Promise<InstallationDto> {
    return this.installations.finish(id, body, user);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission('service.write')
  @ApiOkResponse({ type: InstallationDto })
  @ApiErrors({ 404: [], 409: ['stale_version'], 422: ['installation_closed'] })
  cancel(@UuidParam() id: string, @Body() body: CancelInstallationDto, @CurrentUser() user: AuthenticatedUser): Promise<InstallationDto> {
    return this.installations.cancel(id, body, user);
  }
}
