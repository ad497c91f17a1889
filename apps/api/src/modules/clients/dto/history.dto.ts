import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page.dto';
import { TIMELINE_KINDS, type TimelineKind, type TimelinePayloads } from '../timeline-kinds';
import { TIMELINE_PAYLOAD_CLASSES } from './timeline-payloads.dto';

const trimOrNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

/**
 * One history entry: a kind and the payload of that kind. The server writes no
 * sentences; the client renders each kind in the reader's language.
 */
@ApiExtraModels(...TIMELINE_PAYLOAD_CLASSES.map((p) => p.cls))
export class TimelineEventDto<K extends TimelineKind = TimelineKind> {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ enum: TIMELINE_KINDS, enumName: 'TimelineKind', example: 'client_updated' })
  kind: K;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({
    oneOf: TIMELINE_PAYLOAD_CLASSES.map((p) => ({ $ref: getSchemaPath(p.cls) })),
    description: `The data of the kind: ${TIMELINE_PAYLOAD_CLASSES.map((p) => `${p.kind} → ${p.cls.name}`).join('; ')}. Amounts are decimal strings.`,
  })
  payload: TimelinePayloads[K];
  @ApiProperty({ type: String, nullable: true, description: 'What the entry is about: contact, deal, proposal, contract, invoice, installation, task' })
  subjectType: string | null;
  @ApiProperty({ type: String, nullable: true }) subjectId: string | null;
}

export class TimelineQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: [String], description: 'Only these kinds' })
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]))
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  kind?: string[];
}

export class CreateNoteDto {
  @ApiProperty({ example: 'Клиент просит перезвонить после 15:00, интересуется витринами с выносным холодом' })
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  text: string;
}

export class DossierGoalsDto {
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @Transform(trimOrNull) @IsString() @MaxLength(2000) marketShare: string | null = null;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @Transform(trimOrNull) @IsString() @MaxLength(2000) newCustomers: string | null = null;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @Transform(trimOrNull) @IsString() @MaxLength(2000) assortment: string | null = null;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @Transform(trimOrNull) @IsString() @MaxLength(2000) costCut: string | null = null;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @Transform(trimOrNull) @IsString() @MaxLength(2000) newProducts: string | null = null;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @Transform(trimOrNull) @IsString() @MaxLength(2000) newBranches: string | null = null;
}

export class DossierContentDto {
  @ApiProperty({ type: String, nullable: true, description: 'Trends of the client’s industry' }) @IsOptional() @Transform(trimOrNull) @IsString() @MaxLength(5000) industryTrends: string | null = null;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @Transform(trimOrNull) @IsString() @MaxLength(5000) keySuccessFactors: string | null = null;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @Transform(trimOrNull) @IsString() @MaxLength(2000) marketShare: string | null = null;

  @ApiProperty({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  competitors: string[] = [];

  @ApiProperty({ type: DossierGoalsDto, description: 'The client’s goals' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DossierGoalsDto)
  goals: DossierGoalsDto = new DossierGoalsDto();

  @ApiProperty({ type: String, nullable: true }) @IsOptional() @Transform(trimOrNull) @IsString() @MaxLength(5000) purchaseBehaviour: string | null = null;
  @ApiProperty({ type: String, nullable: true, description: 'What else the client may need' }) @IsOptional() @Transform(trimOrNull) @IsString() @MaxLength(5000) potentialNeeds: string | null = null;
}

export class DossierDto extends DossierContentDto {
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) updatedBy: string | null;
  @ApiProperty({ description: '0 while the dossier has never been written' }) version: number;
}

export class PutDossierDto extends DossierContentDto {
  @ApiProperty({ description: 'The version you read (0 for a new dossier)' })
  @IsInt()
  @Min(0)
  version: number;
}

