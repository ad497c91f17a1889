import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import { UuidParam } from '../../common/http/id-param';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { ApiPageResponse, Page } from '../../common/pagination/page.dto';
import { AssistedManagersDto, ChangeRoleDto, CreateUserDto, ResetPasswordDto, UpdateUserDto, UserDto, UserListQueryDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission('users.read')
  @ApiOperation({ summary: 'Staff list with search, filters and pagination' })
  @ApiPageResponse(UserDto)
  list(@Query() query: UserListQueryDto): Promise<Page<UserDto>> {
    return this.users.list(query);
  }

  @Get(':id')
  @RequirePermission('users.read')
  @ApiOkResponse({ type: UserDto })
  get(@UuidParam() id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Post()
  @RequirePermission('users.manage')
  @ApiCreatedResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'The e-mail is taken', type: ErrorResponseDto })
  create(@Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(body);
  }

  @Patch(':id')
  @RequirePermission('users.manage')
  @ApiOkResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'Stale version', type: ErrorResponseDto })
  update(@UuidParam() id: string, @Body() body: UpdateUserDto): Promise<UserDto> {
    return this.users.update(id, body);
  }

  @Put(':id/role')
  @RequirePermission('users.manage')
  @ApiOperation({ summary: 'Change the role; takes effect on the user’s next request' })
  @ApiOkResponse({ type: UserDto })
  changeRole(@CurrentUser() actor: AuthenticatedUser, @UuidParam() id: string, @Body() body: ChangeRoleDto): Promise<UserDto> {
    return this.users.changeRole(actor.id, id, body.role, body.version);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @RequirePermission('users.manage')
  @ApiOperation({ summary: 'Deactivate; every session of the user ends at once' })
  @ApiOkResponse({ type: UserDto })
  deactivate(@CurrentUser() actor: AuthenticatedUser, @UuidParam() id: string): Promise<UserDto> {
    return this.users.setActive(actor.id, id, false);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @RequirePermission('users.manage')
  @ApiOkResponse({ type: UserDto })
  activate(@CurrentUser() actor: AuthenticatedUser, @UuidParam() id: string): Promise<UserDto> {
    return this.users.setActive(actor.id, id, true);
  }

  @Post(':id/reset-password')
  @HttpCode(204)
  @RequirePermission('users.manage')
  @ApiOperation({ summary: 'Set a new temporary password; every session of the user ends' })
  @ApiNoContentResponse()
  resetPassword(@UuidParam() id: string, @Body() body: ResetPasswordDto): Promise<void> {
    return this.users.resetPassword(id, body.newPassword);
  }

  @Put(':id/assisted-managers')
  @RequirePermission('users.manage')
  @ApiOperation({ summary: 'Set the managers a sales assistant works for (their clients enter the assistant’s scope)' })
  @ApiOkResponse({ type: UserDto })
  setAssistedManagers(@UuidParam() id: string, @Body() body: AssistedManagersDto): Promise<UserDto> {
    return this.users.setAssistedManagers(id, body.managerIds);
  }
}
