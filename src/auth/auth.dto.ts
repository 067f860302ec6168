import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { lowerCaseTrimmed } from '../common/http/transforms.js';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../common/auth/roles.js';

export class LoginRequest {
  @ApiProperty({ example: 'handler@onefrontdoor.example' })
  @Transform(lowerCaseTrimmed)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;
}

export class RefreshRequest {
  @ApiProperty({
    description: 'The refresh token from the last login or refresh. Each one works once.',
  })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken: string;
}

export class MeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
}

export class TokenResponse {
  @ApiProperty({ description: 'Send as "Authorization: Bearer <accessToken>". Short-lived.' })
  accessToken: string;

  @ApiProperty({ format: 'date-time' }) expiresAt: string;

  @ApiProperty({ description: 'Exchange at POST /api/auth/refresh for a new pair; works once.' })
  refreshToken: string;

  @ApiProperty({
    format: 'date-time',
    description: 'When the session ends and a new login is needed.',
  })
  refreshExpiresAt: string;

  @ApiProperty({ type: MeResponse }) user: MeResponse;
}
