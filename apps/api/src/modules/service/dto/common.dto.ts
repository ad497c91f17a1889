import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';

export class EngineerRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
}

export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
export const Trim = () => Transform(trim);
/** `?flag=true` in a query string. */
export const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
