import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import { ApiPageResponse, type Page, PageQueryDto } from '../../common/pagination/page.dto';
import { JobDto, JobRunDto } from './dto/job.dto';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @RequirePermission('jobs.read')
  @ApiOperation({ summary: 'Scheduled jobs, their schedule and last run' })
  @ApiOkResponse({ type: [JobDto] })
  list(): Promise<JobDto[]> {
    return this.jobs.list();
  }

  @Get(':name/runs')
  @RequirePermission('jobs.read')
  @ApiPageResponse(JobRunDto)
  runs(@Param('name') name: string, @Query() query: PageQueryDto): Promise<Page<JobRunDto>> {
    return this.jobs.runs(name, query);
  }

  @Post(':name/run')
  @HttpCode(200)
  @RequirePermission('jobs.run')
  @ApiOperation({ summary: 'Run the job now (its effects are idempotent; the daily slot is not consumed)' })
  @ApiOkResponse({ type: JobRunDto })
  async run(@Param('name') name: string, @CurrentUser() user: AuthenticatedUser): Promise<JobRunDto> {
    const outcome = await this.jobs.runManually(name, user.id);
    return this.jobs.run(outcome.runId!);
  }
}
