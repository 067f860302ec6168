import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtension,
  ApiForbiddenResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ROLES, type Role } from './roles.js';

export const ACCESS_METADATA = 'ofd:access';

/** Who may call a route. Every route declares one; a route without it is refused to everyone. */
export type AccessRule = { kind: 'public' } | { kind: 'roles'; roles: readonly Role[] };

/** Anyone may call this route without a token (health, login, refresh, open data). */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies AccessRule),
    ApiExtension('x-access', { public: true }),
  );
}

export const PUBLIC_SWITCH_METADATA = 'ofd:public-switch';

/** The settings that can close an open-data route to all but signed-in users, and their variables. */
export const PUBLIC_SWITCHES = { hsdsFeedPublic: 'OFD_HSDS_FEED_PUBLIC' } as const;
export type PublicSwitch = keyof typeof PUBLIC_SWITCHES;

/**
 * Open data: anyone may call this route while the setting is true (its default), any signed-in
 * user when an operator sets it to false. The access rule, and so the access test and OpenAPI,
 * describe the default; the guard applies the setting.
 */
export function OpenData(setting: PublicSwitch): MethodDecorator & ClassDecorator {
  return applyDecorators(
    Public(),
    SetMetadata(PUBLIC_SWITCH_METADATA, setting),
    ApiExtension('x-access-switch', {
      variable: PUBLIC_SWITCHES[setting],
      whenFalse: 'any signed-in user',
    }),
  );
}

/** Only signed-in users with one of these roles may call this route. */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  if (roles.length === 0) throw new Error('@Roles() needs at least one role');
  return applyDecorators(
    SetMetadata(ACCESS_METADATA, { kind: 'roles', roles } satisfies AccessRule),
    ApiBearerAuth(),
    ApiExtension('x-access', { roles }),
    ApiUnauthorizedResponse({ description: 'No token, or a bad, expired or revoked one.' }),
    ApiForbiddenResponse({ description: `Only for: ${roles.join(', ')}.` }),
  );
}

/** Any signed-in user, whatever their role. */
export function AnyRole(): MethodDecorator & ClassDecorator {
  return Roles(...ROLES);
}
