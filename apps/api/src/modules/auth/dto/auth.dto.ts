import { ApiProperty } from '@nestjs/swagger';
import { PERMISSIONS } from '@polar/access';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { UserDto } from '../../users/dto/user.dto';

/** Passwords: at least 8 characters; argon2 has no 72-byte limit, 200 is a sanity cap. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;

export class LoginDto {
  @ApiProperty({ example: 'director@lider.test' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'lider-demo' })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  refreshToken: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(PASSWORD_MAX)
  currentPassword: string;

  @ApiProperty({ minLength: PASSWORD_MIN })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  newPassword: string;
}

export class TokenPairDto {
  @ApiProperty({ description: 'Bearer token for the Authorization header' })
  accessToken: string;

  @ApiProperty({ description: 'Single-use token for POST /api/auth/refresh' })
  refreshToken: string;

  @ApiProperty({ description: 'Lifetime of the access token in seconds' })
  expiresIn: number;

  @ApiProperty({ type: () => UserDto })
  user: UserDto;
}

export class MeDto extends UserDto {
  @ApiProperty({ isArray: true, enum: PERMISSIONS, enumName: 'Permission' })
  permissions: string[];
}
