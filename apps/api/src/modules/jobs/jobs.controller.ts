import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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

  @Get(':name/runs/:runId')
  @RequirePermission('jobs.read')
  @ApiOperation({ summary: 'One run of the job (poll it after starting the job by hand)' })
  @ApiOkResponse({ type: JobRunDto })
  runById(@Param('name') name: string, @Param('runId') runId: string): Promise<JobRunDto> {
    return this.jobs.run(runId, name);
  }

  @Post(':name/run')
  @HttpCode(202)
  @RequirePermission('jobs.run')
  @ApiOperation({ summary: 'Start the job now: queued for a worker (its effects are idempotent; the daily slot is not consumed)' })
  @ApiAcceptedResponse({ type: JobRunDto, description: 'Queued; poll GET /api/jobs/{name}/runs/{runId} until it finishes' })
  run(@Param('name') name: string, @CurrentUser() user: AuthenticatedUser): Promise<JobRunDto> {
    return this.jobs.startManually(name, user.id);
  }
}
