import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser, Public, RequirePermission } from '../../common/auth/decorators';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { AuthService } from './auth.service';
import type { RequestUser } from './request-user';
import { ChangePasswordDto, LoginDto, MeDto, RefreshDto, TokenPairDto } from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Sign in with e-mail and password' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password (the same answer for both)', type: ErrorResponseDto })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for this e-mail from this address, for this e-mail, or from this address; Retry-After says when to try again', type: ErrorResponseDto })
  login(@Body() body: LoginDto, @Req() req: Request): Promise<TokenPairDto> {
    return this.auth.login(body.email, body.password, req.ip ?? 'unknown');
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair (the old one dies; reusing it revokes the sign-in)' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  refresh(@Body() body: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Public()
  @ApiOperation({ summary: 'End the sign-in the refresh token belongs to' })
  @ApiNoContentResponse()
  logout(@Body() body: RefreshDto): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }

  @Get('me')
  @RequirePermission('authenticated')
  @ApiOperation({ summary: 'The signed-in user with the permissions of their role' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() user: AuthenticatedUser): Promise<MeDto> {
    return this.auth.me(user.id);
  }

  @Post('change-password')
  @HttpCode(204)
  @RequirePermission('authenticated')
  @ApiOperation({ summary: 'Change your own password; your other sessions end' })
  @ApiNoContentResponse()
  changePassword(@CurrentUser() user: RequestUser, @Body() body: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(user.id, user.sessionId, body.currentPassword, body.newPassword);
  }
}
