import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page.dto';
import { IsDay, IsInstant } from '../../../common/validation/dates';

export const CAMPAIGN_TYPES = ['exhibition', 'promotion', 'mailing', 'advertising', 'other'] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];
export const CAMPAIGN_STATUSES = ['planned', 'active', 'finished', 'archived'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Money as an exact decimal string: up to 12 digits and kopecks. */
export const MONEY = /^\d{1,12}(\.\d{1,2})?$/;
const money = (field: string) => ({ message: `${field} must be an amount like 1234.56` });
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CampaignCostDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date' }) incurredOn: string;
  @ApiProperty({ example: 'Аренда стенда' }) description: string;
  @ApiProperty({ example: '150000.00' }) amount: string;
}

export class CampaignDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Выставка «Продэкспо»' }) name: string;
  @ApiProperty({ enum: CAMPAIGN_TYPES, enumName: 'CampaignType' }) type: CampaignType;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Acquisition channel (reference list acquisition_channel)' }) channelId: string | null;
  @ApiProperty({ type: String, nullable: true }) channelName: string | null;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) endsOn: string;
  @ApiProperty({ example: '500000.00' }) budget: string;
  @ApiProperty({ example: '420000.00', description: 'Sum of the cost lines' }) actualCost: string;
  @ApiProperty({ enum: CAMPAIGN_STATUSES, enumName: 'CampaignStatus' }) status: CampaignStatus;
  @ApiProperty({ format: 'uuid' }) responsibleId: string;
  @ApiProperty() responsibleName: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: [String], description: 'Target segments' }) includeSegmentIds: string[];
  @ApiProperty({ type: [String], description: 'Segments taken out of the target' }) excludeSegmentIds: string[];
  @ApiProperty({ type: [CampaignCostDto] }) costs: CampaignCostDto[];
  @ApiProperty() version: number;
}

export class CampaignCostInputDto {
  @ApiProperty({ format: 'date' }) @IsDay() incurredOn: string;
  @ApiProperty() @Transform(trim) @IsString() @MinLength(1) @MaxLength(300) description: string;
  @ApiProperty({ example: '150000.00' }) @Matches(/^(?!0+(\.0+)?$)\d{1,12}(\.\d{1,2})?$/, { message: 'amount must be a positive amount like 1234.56' }) amount: string;
}

export class CreateCampaignDto {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) name: string;
  @ApiProperty({ enum: CAMPAIGN_TYPES, enumName: 'CampaignType' }) @IsIn(CAMPAIGN_TYPES) type: CampaignType;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() channelId?: string | null;
  @ApiProperty({ format: 'date' }) @IsDay() startsOn: string;
  @ApiProperty({ format: 'date' }) @IsDay() endsOn: string;
  @ApiPropertyOptional({ example: '500000.00' }) @IsOptional() @Matches(MONEY, money('budget')) budget?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to whoever creates the campaign' }) @IsOptional() @IsUUID() responsibleId?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(5000) description?: string | null;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) includeSegmentIds?: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) excludeSegmentIds?: string[];
  @ApiPropertyOptional({ type: [CampaignCostInputDto] }) @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => CampaignCostInputDto) costs?: CampaignCostInputDto[];
}

export class UpdateCampaignDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) name?: string;
  @ApiPropertyOptional({ enum: CAMPAIGN_TYPES, enumName: 'CampaignType' }) @IsOptional() @IsIn(CAMPAIGN_TYPES) type?: CampaignType;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() channelId?: string | null;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDay() startsOn?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDay() endsOn?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(MONEY, money('budget')) budget?: string;
  @ApiPropertyOptional({ enum: CAMPAIGN_STATUSES, enumName: 'CampaignStatus', description: 'planned → active → finished → archived, one step forward at a time' })
  @IsOptional()
  @IsIn(CAMPAIGN_STATUSES)
  status?: CampaignStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() responsibleId?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(5000) description?: string | null;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) includeSegmentIds?: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) excludeSegmentIds?: string[];
  @ApiPropertyOptional({ type: [CampaignCostInputDto], description: 'Replaces every cost line' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CampaignCostInputDto)
  costs?: CampaignCostInputDto[];
}

export class CampaignListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CAMPAIGN_STATUSES, enumName: 'CampaignStatus' }) @IsOptional() @IsIn(CAMPAIGN_STATUSES) status?: CampaignStatus;
  @ApiPropertyOptional({ enum: CAMPAIGN_TYPES, enumName: 'CampaignType' }) @IsOptional() @IsIn(CAMPAIGN_TYPES) type?: CampaignType;
}

// ---------- influences ----------
export class InfluenceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty() campaignName: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) contactId: string | null;
  @ApiProperty({ type: String, nullable: true }) contactName: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) channelId: string | null;
  @ApiProperty({ type: String, nullable: true }) channelName: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class RegisterInfluencesDto {
  @ApiPropertyOptional({ type: [String], description: 'Clients touched (one or a list)' }) @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsUUID('all', { each: true }) clientIds?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Contacts touched; each counts for its client' }) @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsUUID('all', { each: true }) contactIds?: string[];
  @ApiPropertyOptional({ format: 'uuid', description: 'Every client of a segment (in your scope) at once' }) @IsOptional() @IsUUID() segmentId?: string;
  @ApiProperty({ format: 'date-time', description: 'When the clients were touched' }) @IsInstant() occurredAt: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Defaults to the campaign’s channel' }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() channelId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(500) note?: string | null;
}

export class RegisteredInfluencesDto {
  @ApiProperty({ description: 'Influences added (already registered ones are not counted twice)' }) added: number;
}

export class InfluenceListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clientId?: string;
}

// ---------- effectiveness ----------
export class EffectivenessDto {
  @ApiProperty({ description: 'Clients touched by the campaign' }) touchedClients: number;
  @ApiProperty({ description: 'Touched clients created in the campaign period or later (after their first touch)' }) newClients: number;
  @ApiProperty({ description: 'Deals whose source is the campaign (leads)' }) deals: number;
  @ApiProperty() wonDeals: number;
  @ApiProperty({ example: '1200000.00', description: 'Amount of the won deals' }) revenue: string;
  @ApiProperty({ example: '900000.00', description: 'Payments received on invoices of the campaign’s deals' }) payments: string;
  @ApiProperty({ example: '420000.00', description: 'Sum of the cost lines' }) cost: string;
  @ApiProperty({ type: String, nullable: true, description: 'cost / deals, null without deals' }) costPerLead: string | null;
  @ApiProperty({ type: String, nullable: true }) costPerWonDeal: string | null;
  @ApiProperty({ type: String, nullable: true, description: '(revenue − cost) / cost × 100, percent with 2 decimals; null without cost' }) roiPercent: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Clients with a deal / touched clients, percent' }) touchedToDealPercent: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Won / deals, percent' }) dealToWonPercent: string | null;
}

export class CampaignEffectivenessDto extends EffectivenessDto {
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '500000.00' }) budget: string;
  @ApiProperty({ description: 'True when the figures cover only the clients in your scope' }) scoped: boolean;
}

export class ChannelEffectivenessDto extends EffectivenessDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: no channel' }) channelId: string | null;
  @ApiProperty() channelName: string;
}

export class ChannelsReportDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ description: 'True when the figures cover only the clients in your scope' }) scoped: boolean;
  @ApiProperty({ type: [ChannelEffectivenessDto] }) channels: ChannelEffectivenessDto[];
}

export class PeriodQueryDto {
  @ApiProperty({ format: 'date' }) @IsDay() from: string;
  @ApiProperty({ format: 'date' }) @IsDay() to: string;
}
