import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto, toWholeNumber } from '../../../common/pagination/page.dto';
import { DEAL_STATUSES, type DealStatus } from '../entities/deal.entity';
import { CONTRACT_STATUSES, INVOICE_STATUSES, PROPOSAL_STATUSES, type ContractStatus, type InvoiceStatus, type ProposalStatus } from '../entities/documents.entity';
import { STAGE_KINDS, type StageKind } from '../entities/pipeline-stage.entity';
import { IsDay } from '../../../common/validation/dates';

export const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;
const QUANTITY = /^\d{1,9}(\.\d{1,3})?$/;
const PERCENT = /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const amountMessage = (f: string) => ({ message: `${f} must be a positive amount like 1234.56` });

// ---------- stages ----------
export class StageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'proposal' }) code: string;
  @ApiProperty({ example: 'Подготовка предложения' }) name: string;
  @ApiProperty({ enum: STAGE_KINDS, enumName: 'StageKind' }) kind: StageKind;
  @ApiProperty() sortOrder: number;
  @ApiProperty({ minimum: 0, maximum: 100 }) probability: number;
  @ApiProperty({ description: 'Entering it needs a signed contract and creates the installation job' }) handsOver: boolean;
  @ApiProperty() isActive: boolean;
  @ApiProperty() version: number;
}

export class CreateStageDto {
  @ApiProperty() @Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'code must be lower-case latin letters, digits and underscores' }) code: string;
  @ApiProperty() @Transform(trim) @IsString() @MinLength(2) @MaxLength(200) name: string;
  @ApiProperty({ description: 'Position among the open stages' }) @IsInt() @Min(1) @Max(999) sortOrder: number;
  @ApiProperty() @IsInt() @Min(0) @Max(100) probability: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() handsOver?: boolean;
}

export class UpdateStageDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(999) sortOrder?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100) probability?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() handsOver?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isActive?: boolean;
}

// ---------- catalogue ----------
export class ProductGroupDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class ProductDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() groupName: string;
  @ApiProperty({ example: 'VIT-1200' }) sku: string;
  @ApiProperty({ example: 'Холодильная витрина «Иней» 1,2 м' }) name: string;
  @ApiProperty({ example: 'шт' }) unit: string;
  @ApiProperty({ example: '189000.00' }) listPrice: string;
  @ApiProperty({ type: String, nullable: true, example: '120000.00', description: 'Our cost of a unit; null when not known' }) costPrice: string | null;
  @ApiProperty() isActive: boolean;
  @ApiProperty() version: number;
}

export class ProductListQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() groupId?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() isActive?: boolean;
}

export class CreateProductDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() groupId: string;
  @ApiProperty() @Transform(trim) @Matches(/^[\w.-]{1,64}$/u, { message: 'sku must be letters, digits, dots and dashes' }) sku: string;
  @ApiProperty() @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) name: string;
  @ApiPropertyOptional({ default: 'шт' }) @IsOptional() @IsString() @MaxLength(20) unit?: string;
  @ApiProperty({ example: '189000.00' }) @Matches(AMOUNT, amountMessage('listPrice')) listPrice: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '120000.00' }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(AMOUNT, amountMessage('costPrice')) costPrice?: string | null;
}

export class UpdateProductDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() groupId?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) unit?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(AMOUNT, amountMessage('listPrice')) listPrice?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(AMOUNT, amountMessage('costPrice')) costPrice?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isActive?: boolean;
}

// ---------- lines (deals and proposals) ----------
export class LineInputDto {
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'A catalogue product; its name and list price are the defaults' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  productId?: string | null;

  @ApiPropertyOptional({ description: 'Required without a product' }) @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(300) description?: string;
  @ApiProperty({ example: '2', description: 'Up to 3 decimals' }) @Matches(QUANTITY, { message: 'quantity must be a positive number with up to 3 decimals' }) quantity: string;
  @ApiPropertyOptional({ example: '189000.00', description: 'Defaults to the product’s list price' }) @IsOptional() @Matches(AMOUNT, amountMessage('unitPrice')) unitPrice?: string;
  @ApiPropertyOptional({ example: '10', description: 'Percent, 0–100, up to 2 decimals' }) @IsOptional() @Matches(PERCENT, { message: 'discountPercent must be from 0 to 100' }) discountPercent?: string;
}

export class LineDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) productId: string | null;
  @ApiProperty() description: string;
  @ApiProperty() unit: string;
  @ApiProperty() quantity: string;
  @ApiProperty() unitPrice: string;
  @ApiProperty() discountPercent: string;
  @ApiProperty({ description: 'quantity × price × (1 − discount), rounded half away from zero to the kopeck' }) lineTotal: string;
}

// ---------- deals ----------
export class DealDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid' }) managerId: string;
  @ApiProperty({ type: String, nullable: true }) managerName: string | null;
  @ApiProperty({ format: 'uuid' }) stageId: string;
  @ApiProperty() stageName: string;
  @ApiProperty({ enum: DEAL_STATUSES, enumName: 'DealStatus' }) status: DealStatus;
  @ApiProperty({ example: '450000.00' }) amount: string;
  @ApiProperty() probability: number;
  @ApiProperty({ description: 'amount × probability, to the kopeck' }) weightedAmount: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) expectedCloseDate: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) channelId: string | null;
  @ApiProperty({ type: String, nullable: true }) channelName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) campaignId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) lossReasonId: string | null;
  @ApiProperty({ type: String, nullable: true }) lossReasonName: string | null;
  @ApiProperty({ type: String, nullable: true }) lossComment: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ type: [LineDto] }) lines: LineDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
}

export class DealListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clientId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() managerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() stageId?: string;
  @ApiPropertyOptional({ enum: DEAL_STATUSES, enumName: 'DealStatus' }) @IsOptional() @IsIn(DEAL_STATUSES) status?: DealStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() channelId?: string;
  @ApiPropertyOptional({ type: String, format: 'date', description: 'Created on or after' }) @IsOptional() @IsDay() from?: string;
  @ApiPropertyOptional({ type: String, format: 'date', description: 'Created on or before' }) @IsOptional() @IsDay() to?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) q?: string;
}

export class BoardQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() managerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clientId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() channelId?: string;
  @ApiPropertyOptional({ type: String, format: 'date', description: 'Deals created on or after' }) @IsOptional() @IsDay() from?: string;
  @ApiPropertyOptional({ type: String, format: 'date', description: 'Deals created on or before' }) @IsOptional() @IsDay() to?: string;
  @ApiPropertyOptional({ default: 20, maximum: 100, description: 'Deals shown per stage (the rest via GET /api/deals?stageId=)' })
  @IsOptional()
  @Transform(toWholeNumber)
  @IsInt()
  @Min(1)
  @Max(100)
  perStage: number = 20;
}

/** What a board card shows and moves with (the version): a deal's page has the rest. */
export const BOARD_CARD_FIELDS = ['id', 'title', 'clientName', 'managerName', 'stageId', 'status', 'amount', 'weightedAmount', 'expectedCloseDate', 'version'] as const satisfies ReadonlyArray<keyof DealDto>;

/** A deal on the board: the fields of its DealDto that the card shows. */
export class BoardCardDto extends PickType(DealDto, BOARD_CARD_FIELDS) {}

export class BoardColumnDto {
  @ApiProperty({ type: StageDto }) stage: StageDto;
  @ApiProperty() count: number;
  @ApiProperty({ description: 'Sum of deal amounts, ₽' }) amount: string;
  @ApiProperty({ description: 'Sum of probability-weighted amounts, ₽' }) weightedAmount: string;
  @ApiProperty({ type: [BoardCardDto], description: 'The most recently changed deals of the stage, newest change first' }) deals: BoardCardDto[];
}

export class BoardDto {
  @ApiProperty({ type: [BoardColumnDto] }) columns: BoardColumnDto[];
  @ApiProperty({ description: 'Open deals: sum of amounts' }) openAmount: string;
  @ApiProperty({ description: 'Open deals: sum of weighted amounts' }) openWeightedAmount: string;
  @ApiProperty() openCount: number;
}

export class CreateDealDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() clientId: string;
  @ApiProperty({ example: 'Витрины для нового павильона' }) @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) title: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the client’s manager' }) @IsOptional() @IsUUID() managerId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the first stage' }) @IsOptional() @IsUUID() stageId?: string;
  @ApiPropertyOptional({ description: 'Used when the deal has no lines; with lines it must equal their total (422 amount_from_lines)' }) @IsOptional() @Matches(AMOUNT, amountMessage('amount')) amount?: string;
  @ApiPropertyOptional({ description: 'Defaults to the stage’s probability' }) @IsOptional() @IsInt() @Min(0) @Max(100) probability?: number;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsDay() expectedCloseDate?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Acquisition channel; defaults to the client’s' }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() channelId?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() campaignId?: string | null;
  @ApiPropertyOptional({ type: [LineInputDto] }) @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => LineInputDto) lines?: LineInputDto[];
}

export class UpdateDealDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) title?: string;
  @ApiPropertyOptional({ description: 'A deal with lines costs their total: a different amount is a 422 amount_from_lines' }) @IsOptional() @Matches(AMOUNT, amountMessage('amount')) amount?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100) probability?: number;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsDay() expectedCloseDate?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() channelId?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() campaignId?: string | null;
  @ApiPropertyOptional({ type: [LineInputDto], description: 'Replaces all lines' }) @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => LineInputDto) lines?: LineInputDto[];
}

export class MoveDealDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ format: 'uuid', description: 'An open stage, or the Won / Lost stage' }) @IsUUID() stageId: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Required for Lost (reference list loss_reason)' }) @IsOptional() @IsUUID() lossReasonId?: string;
  @ApiPropertyOptional({ description: 'Required for Lost' }) @IsOptional() @IsString() @MaxLength(2000) comment?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'For Lost: the competitor the client went to (analytics keeps the link)' }) @IsOptional() @IsUUID() competitorId?: string;
}

export class StageChangeDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) fromStageId: string | null;
  @ApiProperty({ type: String, nullable: true }) fromStageName: string | null;
  @ApiProperty({ format: 'uuid' }) toStageId: string;
  @ApiProperty() toStageName: string;
  @ApiProperty({ format: 'date-time' }) changedAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) changedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) changedByName: string | null;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
}

// ---------- proposals ----------
export class ProposalDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) dealId: string;
  @ApiProperty({ example: 'КП-2026-00042' }) number: string;
  @ApiProperty({ enum: PROPOSAL_STATUSES, enumName: 'ProposalStatus' }) status: ProposalStatus;
  @ApiProperty({ format: 'date' }) issueDate: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validUntil: string | null;
  @ApiProperty() total: string;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ type: [LineDto] }) lines: LineDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() version: number;
}

export class CreateProposalDto {
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsDay() validUntil?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(5000) notes?: string | null;
  @ApiPropertyOptional({ type: [LineInputDto], description: 'Defaults to the deal’s lines' }) @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => LineInputDto) lines?: LineInputDto[];
}

export class UpdateProposalDto extends CreateProposalDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
}

export class ProposalStatusDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ enum: ['sent', 'accepted', 'rejected'] }) @IsIn(['sent', 'accepted', 'rejected']) status: 'sent' | 'accepted' | 'rejected';
}

// ---------- contracts ----------
export class ContractDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) dealId: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty() number: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) signedOn: string | null;
  @ApiProperty() amount: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) installationDeadline: string | null;
  @ApiProperty({ enum: CONTRACT_STATUSES, enumName: 'ContractStatus' }) status: ContractStatus;
  @ApiProperty() version: number;
}

export class ContractListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() dealId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clientId?: string;
  @ApiPropertyOptional({ enum: CONTRACT_STATUSES, enumName: 'ContractStatus' }) @IsOptional() @IsIn(CONTRACT_STATUSES) status?: ContractStatus;
}

export class CreateContractDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() dealId: string;
  @ApiPropertyOptional({ description: 'Defaults to Д-<year>-<seq>' }) @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(64) number?: string;
  @ApiPropertyOptional({ description: 'Defaults to the deal amount' }) @IsOptional() @Matches(AMOUNT, amountMessage('amount')) amount?: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsDay() installationDeadline?: string | null;
}

export class UpdateContractDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @Matches(AMOUNT, amountMessage('amount')) amount?: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsDay() installationDeadline?: string | null;
}

export class SignContractDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ format: 'date' }) @IsDay() signedOn: string;
}

// ---------- invoices ----------
export class InvoiceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty({ format: 'uuid' }) managerId: string;
  @ApiProperty({ type: String, nullable: true }) managerName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) dealId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) contractId: string | null;
  @ApiProperty({ example: 'СЧ-2026-00001' }) number: string;
  @ApiProperty({ format: 'date' }) issueDate: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty() amount: string;
  @ApiProperty() paidAmount: string;
  @ApiProperty() outstandingAmount: string;
  @ApiProperty({ enum: INVOICE_STATUSES, enumName: 'InvoiceStatus', description: 'Derived from payments and the due date (Moscow day)' }) status: InvoiceStatus;
  @ApiProperty() version: number;
}

export class InvoiceListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INVOICE_STATUSES, isArray: true, enumName: 'InvoiceStatus' })
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]))
  @IsIn(INVOICE_STATUSES, { each: true })
  status?: InvoiceStatus[];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clientId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() managerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() dealId?: string;
  @ApiPropertyOptional({ type: String, format: 'date' }) @IsOptional() @IsDay() dueFrom?: string;
  @ApiPropertyOptional({ type: String, format: 'date' }) @IsOptional() @IsDay() dueTo?: string;
}

export class CreateInvoiceDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The deal invoiced (its client is the payer)' }) @IsOptional() @IsUUID() dealId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Or a contract' }) @IsOptional() @IsUUID() contractId?: string;
  @ApiProperty({ example: '150000.00' }) @Matches(AMOUNT, amountMessage('amount')) amount: string;
  @ApiPropertyOptional({ type: String, format: 'date', description: 'Defaults to today (Moscow)' }) @IsOptional() @IsDay() issueDate?: string;
  @ApiProperty({ format: 'date', description: 'Payment due date' }) @IsDay() dueDate: string;
}

export class PaymentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) invoiceId: string;
  @ApiProperty({ format: 'date' }) paidOn: string;
  @ApiProperty() amount: string;
  @ApiProperty({ type: String, nullable: true }) reference: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CreatePaymentDto {
  @ApiProperty({ example: '50000.00' }) @Matches(AMOUNT, amountMessage('amount')) amount: string;
  @ApiPropertyOptional({ type: String, format: 'date', description: 'Defaults to today (Moscow)' }) @IsOptional() @IsDay() paidOn?: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'П/п № 1234' }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(200) reference?: string | null;
}
