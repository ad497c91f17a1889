import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import { UuidParam } from '../../common/http/id-param';
import { ApiPageResponse, type Page } from '../../common/pagination/page.dto';
import { InstallationDto, InstallationListQueryDto } from './dto/installation.dto';
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
  get(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<InstallationDto> {
    return this.installations.get(id, user);
  }
}
