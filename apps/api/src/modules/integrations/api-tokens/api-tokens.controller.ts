import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../../common/auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../../../common/auth/decorators';
import { ApiErrors } from '../../../common/errors/api-errors.decorator';
import { UuidParam } from '../../../common/http/id-param';
import { ApiTokenDto, CreateApiTokenDto, CreatedApiTokenDto, RotateApiTokenDto } from './api-token.dto';
import { ApiTokensService } from './api-tokens.service';

/** API tokens for integrators (admin). The secret is in the answer of create and rotate only. */
@ApiTags('integrations')
@Controller('api-tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Every API token with its last use (never the secret)' })
  @ApiOkResponse({ type: [ApiTokenDto] })
  list(): Promise<ApiTokenDto[]> {
    return this.tokens.list();
  }

  @Post()
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Create a token; the answer shows its secret this once' })
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  @ApiErrors({ 400: [] })
  create(@Body() body: CreateApiTokenDto, @CurrentUser() user: AuthenticatedUser): Promise<CreatedApiTokenDto> {
    return this.tokens.create(user, body);
  }

  @Get(':id')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'One API token' })
  @ApiOkResponse({ type: ApiTokenDto })
  @ApiErrors({ 404: [] })
  get(@UuidParam() id: string): Promise<ApiTokenDto> {
    return this.tokens.get(id);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Revoke a token: refused from the next request on' })
  @ApiOkResponse({ type: ApiTokenDto })
  @ApiErrors({ 404: [] })
  revoke(@UuidParam() id: string): Promise<ApiTokenDto> {
    return this.tokens.revoke(id);
  }

  @Post(':id/rotate')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'A new secret with the same settings; the old one works for the overlap (hours)' })
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  @ApiErrors({ 400: [], 404: [] })
  rotate(@UuidParam() id: string, @Body() body: RotateApiTokenDto, @CurrentUser() user: AuthenticatedUser): Promise<CreatedApiTokenDto> {
    return this.tokens.rotate(user, id, body.overlapHours ?? 24);
  }
}
