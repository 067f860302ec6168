import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/access.decorators.js';
import { CurrentActor, type Actor } from '../../common/auth/actor.js';
import { UuidParam } from '../../common/http/uuid-param.js';
import {
  CreateUserRequest,
  ListUsersQuery,
  UpdateUserRequest,
  UserPage,
  UserResponse,
} from './user.dto.js';
import { UserService } from './user.service.js';

@ApiTags('users')
@Controller('users')
@Roles('admin')
export class UserController {
  constructor(private readonly users: UserService) {}

  @Get()
  @ApiOkResponse({ type: UserPage })
  list(@Query() query: ListUsersQuery): Promise<UserPage> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserResponse })
  @ApiNotFoundResponse()
  get(@Param('id', UuidParam) id: string): Promise<UserResponse> {
    return this.users.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: UserResponse })
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserRequest): Promise<UserResponse> {
    return this.users.create(actor, body);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserResponse })
  @ApiNotFoundResponse()
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateUserRequest,
  ): Promise<UserResponse> {
    return this.users.update(actor, id, body);
  }
}
