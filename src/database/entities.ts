import { AuditEntry } from '../audit/audit-entry.entity.js';
import { AuthSession, LoginFailure, RefreshToken } from '../auth/sessions/session.entity.js';
import { User } from '../auth/users/user.entity.js';
import { Area, AreaPostcodeSector } from '../service-directory/areas/area.entity.js';
import { Organisation } from '../service-directory/organisations/organisation.entity.js';
import { NeedTerm } from '../service-directory/taxonomy/need-term.entity.js';

/** Every entity of the application; the schema itself comes from migrations/ only. */
export const entities = [
  Organisation,
  User,
  AuthSession,
  RefreshToken,
  LoginFailure,
  AuditEntry,
  NeedTerm,
  Area,
  AreaPostcodeSector,
];
