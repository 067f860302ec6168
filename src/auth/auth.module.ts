import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ServiceDirectoryModule } from '../service-directory/service-directory.module.js';
import { AccessGuard } from './access.guard.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { jwtOptions, TokenService } from './sessions/token.service.js';
import { APP_CONFIG } from '../config/config.module.js';
import { FirstAdminService } from './users/first-admin.service.js';
import { UserController } from './users/user.controller.js';
import { User } from './users/user.entity.js';
import { UserRepository } from './users/user.repository.js';
import { UserService } from './users/user.service.js';

/** Users, roles, organisation membership, sign-in, tokens, and the access guard on every route. */
@Module({
  imports: [
    JwtModule.registerAsync({ inject: [APP_CONFIG], useFactory: jwtOptions }),
    TypeOrmModule.forFeature([User]),
    SessionsModule,
    ServiceDirectoryModule,
  ],
  controllers: [AuthController, UserController],
  providers: [
    AuthService,
    UserService,
    UserRepository,
    TokenService,
    LoginThrottleService,
    FirstAdminService,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [TokenService],
})
export class AuthModule {}
