export const ROLES = ['admin', 'team_lead', 'call_handler', 'caseworker', 'partner'] as const;
export type Role = (typeof ROLES)[number];

/** Roles of the front door's own staff (everyone but partner service users). */
export const FRONT_DOOR_ROLES: readonly Role[] = [
  'admin',
  'team_lead',
  'call_handler',
  'caseworker',
];

export const ORGANISATION_KINDS = ['front_door', 'partner'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** A partner user belongs to a partner organisation; every other role to the front door. */
export function organisationKindForRole(role: Role): OrganisationKind {
  return role === 'partner' ? 'partner' : 'front_door';
}
