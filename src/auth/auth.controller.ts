import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { AnyRole, Public } from '../common/auth/access.decorators.js';
import {
  CurrentActor,
  CurrentRequest,
  type Actor,
  type RequestContext,
} from '../common/auth/actor.js';
import { LoginRequest, MeResponse, RefreshRequest, TokenResponse } from './auth.dto.js';
import { AuthService } from './auth.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: TokenResponse })
  @ApiTooManyRequestsResponse({
    description: 'Too many failed attempts for this account or address.',
  })
  login(
    @Body() body: LoginRequest,
    @CurrentRequest() request: RequestContext,
  ): Promise<TokenResponse> {
    return this.auth.login(body, request);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: TokenResponse })
  refresh(
    @Body() body: RefreshRequest,
    @CurrentRequest() request: RequestContext,
  ): Promise<TokenResponse> {
    return this.auth.refresh(body.refreshToken, request);
  }

  @Post('logout')
  @HttpCode(204)
  @AnyRole()
  @ApiNoContentResponse({ description: 'The session has ended; its tokens no longer work.' })
  logout(@CurrentActor() actor: Actor): Promise<void> {
    return this.auth.logout(actor);
  }

  @Get('me')
  @AnyRole()
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentActor() actor: Actor): MeResponse {
    return this.auth.me(actor);
  }
}
