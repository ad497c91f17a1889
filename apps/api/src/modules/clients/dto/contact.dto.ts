import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { CONTACT_INFLUENCES, type ContactInfluence } from '../entities/client-contact.entity';
import { IsDay } from '../../../common/validation/dates';
import { IsPhone } from '../../../common/validation/russian-ids';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ContactDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty({ example: 'Иванова Марина Сергеевна' }) fullName: string;
  @ApiProperty({ type: String, nullable: true }) position: string | null;
  @ApiProperty({ type: [String] }) phones: string[];
  @ApiProperty({ type: [String] }) emails: string[];
  @ApiProperty({ type: String, format: 'date', nullable: true }) birthday: string | null;
  @ApiProperty({ enum: CONTACT_INFLUENCES, enumName: 'ContactInfluence', nullable: true, description: 'Influence on the purchase decision' })
  influence: ContactInfluence | null;
  @ApiProperty({ type: String, nullable: true, description: 'What the person personally gains from the deal' }) personalBenefits: string | null;
  @ApiProperty({ type: String, nullable: true }) character: string | null;
  @ApiProperty({ type: String, nullable: true }) hobbies: string | null;
  @ApiProperty() isPrimary: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
}

export class CreateContactDto {
  @ApiProperty({ example: 'Иванова Марина Сергеевна' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  fullName: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(200)
  position?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsPhone({ each: true, message: 'each value in phones must be a phone number' })
  phones?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEmail({}, { each: true, message: 'each value in emails must be an e-mail address' })
  emails?: string[];

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsDay()
  birthday?: string | null;

  @ApiPropertyOptional({ enum: CONTACT_INFLUENCES, enumName: 'ContactInfluence', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(CONTACT_INFLUENCES)
  influence?: ContactInfluence | null;

  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(2000) personalBenefits?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(2000) character?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(2000) hobbies?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isPrimary?: boolean;
}

export class UpdateContactDto extends PartialType(CreateContactDto) {
  @ApiProperty({ description: 'The version you read' })
  @IsInt()
  @Min(1)
  version: number;
}
