import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../../common/auth/decorators';
import { ApiErrors } from '../../../common/errors/api-errors.decorator';
import { UuidParam } from '../../../common/http/id-param';
import { ApiPageResponse, type Page } from '../../../common/pagination/page.dto';
import { CreateWebhookDto, DeliveriesQueryDto, ReplayRangeDto, ReplayResultDto, UpdateWebhookDto, WebhookDeliveryDto, WebhookDto } from './webhook.dto';
import { WebhooksService } from './webhooks.service';

/**
 * Webhooks (admin). Each delivery is a POST of JSON `{id, type, occurredAt, resource:
 * {type, id, sequence}, data}` with `X-Polar-Signature: t=<unix>,v1=<hex>` where v1 is
 * HMAC-SHA256 with the webhook's secret over `<t>.<body>`; `sequence` grows per resource,
 * so a receiver can drop an older update that arrives after a newer one.
 */
@ApiTags('integrations')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Every webhook' })
  @ApiOkResponse({ type: [WebhookDto] })
  list(): Promise<WebhookDto[]> {
    return this.webhooks.list();
  }

  @Post()
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Subscribe a URL to events (private addresses only with allowPrivateNetwork)' })
  @ApiCreatedResponse({ type: WebhookDto })
  @ApiErrors({ 400: [], 422: ['ssrf_refused', 'url_unresolvable'] })
  create(@Body() body: CreateWebhookDto): Promise<WebhookDto> {
    return this.webhooks.create(body);
  }

  @Get(':id')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'One webhook' })
  @ApiOkResponse({ type: WebhookDto })
  @ApiErrors({ 404: [] })
  get(@UuidParam() id: string): Promise<WebhookDto> {
    return this.webhooks.get(id);
  }

  @Patch(':id')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Change a webhook (switching it on again clears the reason it was switched off)' })
  @ApiOkResponse({ type: WebhookDto })
  @ApiErrors({ 400: [], 404: [], 409: ['stale_version'], 422: ['ssrf_refused', 'url_unresolvable'] })
  update(@UuidParam() id: string, @Body() body: UpdateWebhookDto): Promise<WebhookDto> {
    return this.webhooks.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Delete a webhook with its delivery log' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({ 404: [] })
  async remove(@UuidParam() id: string): Promise<void> {
    await this.webhooks.remove(id);
  }

  @Get(':id/deliveries')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Deliveries of a webhook, newest first, with every attempt (status, duration, answer excerpt)' })
  @ApiPageResponse(WebhookDeliveryDto)
  @ApiErrors({ 404: [] })
  deliveries(@UuidParam() id: string, @Query() query: DeliveriesQueryDto): Promise<Page<WebhookDeliveryDto>> {
    return this.webhooks.deliveries(id, query);
  }

  @Post(':id/deliveries/:deliveryId/replay')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Send one delivery again (a new delivery with the same event id and sequence)' })
  @ApiCreatedResponse({ type: WebhookDeliveryDto })
  @ApiErrors({ 404: [] })
  replay(@UuidParam() id: string, @UuidParam('deliveryId') deliveryId: string): Promise<WebhookDeliveryDto> {
    return this.webhooks.replay(id, deliveryId);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Send every delivery of a time range again' })
  @ApiOkResponse({ type: ReplayResultDto })
  @ApiErrors({ 400: [], 404: [] })
  async replayRange(@UuidParam() id: string, @Body() body: ReplayRangeDto): Promise<ReplayResultDto> {
    return { queued: await this.webhooks.replayRange(id, body) };
  }
}
