import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import { ValidationFailedError } from '../../common/errors/domain-error';
import { ApiPageResponse, type Page } from '../../common/pagination/page.dto';
import { QueueItemDto, QueueItemsQueryDto, QueueSummaryDto } from './dto/queue.dto';
import { QueueAdminService } from './queue-admin.service';

/** The work queues, for admins: counts, failed items and their errors, retry. */
@ApiTags('queues')
@Controller('queues')
export class QueueController {
  constructor(private readonly admin: QueueAdminService) {}

  @Get()
  @RequirePermission('queues.manage')
  @ApiOperation({ summary: 'Queues with waiting / active / failed counts' })
  @ApiOkResponse({ type: [QueueSummaryDto] })
  list(): Promise<QueueSummaryDto[]> {
    return this.admin.summary();
  }

  @Get(':name/items')
  @RequirePermission('queues.manage')
  @ApiOperation({ summary: 'Items of a queue in one state (by default the failed ones, with their errors)' })
  @ApiPageResponse(QueueItemDto)
  items(@Param('name') name: string, @Query() query: QueueItemsQueryDto): Promise<Page<QueueItemDto>> {
    return this.admin.items(name, query);
  }

  @Post('items/:id/retry')
  @HttpCode(200)
  @RequirePermission('queues.manage')
  @ApiOperation({ summary: 'Try a failed item again (with all its attempts)' })
  @ApiOkResponse({ type: QueueItemDto })
  retry(@Param('id') id: string): Promise<QueueItemDto> {
    if (!/^\d{1,18}$/.test(id)) throw new ValidationFailedError([{ field: 'id', message: 'id must be a whole number' }]);
    return this.admin.retry(id);
  }
}
