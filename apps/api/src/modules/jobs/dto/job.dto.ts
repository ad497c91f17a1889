import { ApiProperty } from '@nestjs/swagger';
import { JOB_RUNS_ON, type JobRunsOn } from '../job-definition';

export class JobRunDto {
  @ApiProperty() id: string;
  @ApiProperty() jobName: string;
  @ApiProperty({ description: 'The Moscow day of a scheduled run, or manual:<time>' }) slot: string;
  @ApiProperty({ enum: ['schedule', 'catch_up', 'manual'] }) trigger: 'schedule' | 'catch_up' | 'manual';
  @ApiProperty({ enum: ['queued', 'running', 'succeeded', 'failed', 'skipped'], description: 'queued: waiting for a worker' })
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'skipped';
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'What the run did, e.g. {tasksCreated: 12}' }) counts: Record<string, number>;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ description: 'How many times the run was started (more than 1 after a crash or a failure)' }) attempts: number;
}

export class JobDto {
  @ApiProperty({ example: 'payment-calls' }) name: string;
  @ApiProperty() description: string;
  @ApiProperty({ example: '0 9 * * *', description: 'Cron expression' }) schedule: string;
  @ApiProperty({ enum: JOB_RUNS_ON, enumName: 'JobRunsOn', description: 'Which scheduled days the job works on (skipped on the others)' }) runsOn: JobRunsOn;
  @ApiProperty({ example: 'Europe/Moscow' }) timeZone: string;
  @ApiProperty({ description: 'Whether this instance runs the schedule' }) enabled: boolean;
  @ApiProperty({ type: JobRunDto, nullable: true }) lastRun: JobRunDto | null;
}
