import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page.dto';
import { INSTALLATION_STATUSES, type InstallationStatus } from '../entities/installation-job.entity';

export class InstallationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) dealId: string;
  @ApiProperty({ type: String, nullable: true }) dealTitle: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) contractId: string | null;
  @ApiProperty({ type: String, nullable: true }) contractNumber: string | null;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty({ type: String, nullable: true }) clientAddress: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The contract’s installation deadline' }) deadline: string | null;
  @ApiProperty({ enum: INSTALLATION_STATUSES, enumName: 'InstallationStatus' }) status: InstallationStatus;
  @ApiProperty({ type: String, format: 'date', nullable: true }) startedOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) finishedOn: string | null;
  @ApiProperty({ type: String, nullable: true }) slipReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() version: number;
}

export class InstallationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() dealId?: string;
}
