import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page.dto';
import { IsInstant } from '../../../common/validation/dates';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimOrNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

/** The website form. Unknown fields are refused, so the form must send only these. */
export class PublicLeadDto {
  @ApiProperty({ example: 'Ирина Соколова', description: 'Who writes' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '8 (495) 123-45-67', description: 'Phone in any format; a phone or an e-mail is required' })
  @IsOptional()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(40)
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'sokolova@produkty.example' })
  @IsOptional()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(254)
  @Matches(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'email must be an e-mail address' })
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'ООО «Продукты у дома»', description: 'Company name, if the lead gives one' })
  @IsOptional()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(300)
  company?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '7707083893', description: 'INN (10 or 12 digits)' })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_o, v) => v !== null)
  @Matches(/^(\d{10}|\d{12})$/, { message: 'inn must be 10 or 12 digits' })
  inn?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Тверь' })
  @IsOptional()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(100)
  city?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Нужны две холодильные витрины к марту' })
  @IsOptional()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(5000)
  message?: string | null;

  @ApiPropertyOptional({ description: 'The site key, when the administrator set one' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  siteKey?: string;

  @ApiPropertyOptional({ description: 'Honeypot: a field hidden from people; a form that fills it in is refused as spam' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  website?: string;
}

export class LeadAcceptedDto {
  @ApiProperty({ enum: ['received'] }) status: 'received';
}

export class DutyManagerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
}

export class InboundSettingsDto {
  @ApiProperty({ type: String, nullable: true, description: 'When set, the website form must send it as siteKey' }) siteKey: string | null;
  @ApiProperty({ type: [DutyManagerDto], description: 'Managers who receive new leads in turn' }) dutyManagers: DutyManagerDto[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Acquisition channel of website leads' }) leadChannelId: string | null;
  @ApiProperty({ description: 'Which manager on duty gets the next new lead (index into dutyManagers)' }) nextManagerIndex: number;
}

export class UpdateInboundSettingsDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'null: every form post is accepted' })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MinLength(8)
  @MaxLength(100)
  siteKey?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'In the order they take turns' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  dutyManagerIds?: string[];

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  leadChannelId?: string | null;
}

export const CALL_DIRECTIONS = ['incoming', 'outgoing'] as const;
export const CALL_RESULTS = ['answered', 'missed'] as const;

/** A finished call, in Polar's own format (any PBX can be taught to send it). */
export class CallEventDto {
  @ApiProperty({ example: 'pbx-2026-11-30-000123', description: 'The call id in the PBX: the same id sent twice is stored once' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  callId: string;

  @ApiProperty({ enum: CALL_DIRECTIONS })
  @IsIn(CALL_DIRECTIONS)
  direction: (typeof CALL_DIRECTIONS)[number];

  @ApiProperty({ enum: CALL_RESULTS, description: 'missed: nobody answered (an incoming one gets a «перезвонить» task)' })
  @IsIn(CALL_RESULTS)
  result: (typeof CALL_RESULTS)[number];

  @ApiProperty({ example: '8 (495) 123-45-67', description: 'The client’s number (caller of an incoming call, callee of an outgoing one), any format' })
  @Transform(trim)
  @IsString()
  @MinLength(5)
  @MaxLength(40)
  clientPhone: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T09:15:00Z' })
  @IsInstant()
  startedAt: string;

  @ApiProperty({ example: 134, description: 'Talk time in seconds (0 for a missed call)' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  durationSeconds: number;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://pbx.example/records/000123.mp3' })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  @Matches(/^https?:\/\/\S+$/i, { message: 'recordingUrl must be an http(s) address' })
  recordingUrl?: string | null;
}

export class CallDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['generic', 'mango'] }) provider: string;
  @ApiProperty() callId: string;
  @ApiProperty({ enum: CALL_DIRECTIONS }) direction: string;
  @ApiProperty() missed: boolean;
  @ApiProperty({ example: '+74951234567' }) phone: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for an outgoing call to a number no client has' }) clientId: string | null;
  @ApiProperty() durationSeconds: number;
  @ApiProperty({ type: String, nullable: true }) recordingUrl: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The «перезвонить» task of a missed call' }) taskId: string | null;
  @ApiProperty({ description: 'The number was unknown and the call created a lead (client, deal, task)' }) leadCreated: boolean;
}

/** Mango Office «events/summary» (the call summary it posts when a call ends), as a form field `json`. */
export class MangoSummaryFormDto {
  @ApiProperty({ description: 'Mango Office account key (vpbx_api_key); not checked here: the API token authenticates the call' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  vpbx_api_key?: string;

  @ApiPropertyOptional({ description: 'Mango Office signature; not checked here' }) @IsOptional() @IsString() @MaxLength(200) sign?: string;

  @ApiProperty({ description: 'The summary JSON: entry_id, call_direction, from.number, to.number, create_time, talk_time, end_time, entry_result' })
  @IsString()
  @MaxLength(20_000)
  json: string;
}

export class InboundEmailDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() messageId: string;
  @ApiProperty({ example: 'sokolova@produkty.example' }) fromAddress: string;
  @ApiProperty({ type: String, nullable: true }) fromName: string | null;
  @ApiProperty() subject: string;
  @ApiProperty({ description: 'Plain text of the message' }) text: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) clientId: string | null;
  @ApiProperty({ enum: ['attached', 'review'], description: 'review: no client has the sender’s address' }) status: 'attached' | 'review';
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
}

export class ReviewQueryDto extends PageQueryDto {}

export class AssignEmailDto {
  @ApiProperty({ format: 'uuid', description: 'The client the message belongs to' })
  @IsUUID()
  clientId: string;
}

export class MangoAckDto {
  @ApiProperty({ description: 'False for an internal call (between extensions), which is not recorded' }) recorded: boolean;
  @ApiProperty({ type: CallDto, nullable: true }) call: CallDto | null;
}
