import { FRONT_DOOR_ROLES, type Role } from '../common/auth/roles.js';

/** A published event as it leaves the server: `{ seq, type, at, data }` (API.md, "Live queue"). */
export interface LiveEvent {
  seq: number;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

/**
 * A published event with what routing needs: the partner organisation it concerns, if any, and
 * its number among that partner's events (the `seq` the partner sees).
 */
export interface PublishedEvent {
  event: LiveEvent;
  organisationId: string | null;
  partnerSeq: number | null;
}

/** Who holds a live connection: from a verified token and a live session, never from the client. */
export interface LiveViewer {
  userId: string;
  sessionId: string;
  role: Role;
  organisationId: string;
  /** When the access token the connection was opened with expires (ms since the epoch). */
  tokenExpiresAt: number;
}

/** The front door's queue: every event. */
export const FRONT_DOOR_ROOM = 'front-door';
/** A partner organisation's referral events. */
export const organisationRoom = (organisationId: string): string =>
  `organisation:${organisationId}`;
/** Every connection of one session, so that ending the session closes them. */
export const sessionRoom = (sessionId: string): string => `session:${sessionId}`;

export const isFrontDoor = (viewer: Pick<LiveViewer, 'role'>): boolean =>
  FRONT_DOOR_ROLES.includes(viewer.role);

/** The one room whose events this viewer receives. */
export function viewerRoom(viewer: LiveViewer): string {
  return isFrontDoor(viewer) ? FRONT_DOOR_ROOM : organisationRoom(viewer.organisationId);
}

/**
 * A partner sees the referral events of its own organisation, and nothing else, numbered among
 * themselves (`partner_seq`), so that its numbers count nothing of anyone else's.
 */
export const isPartnerEvent = (type: string, organisationId: string | null): boolean =>
  organisationId !== null && type.startsWith('referral.');

/** The rooms an event goes to: the front door always; a partner's when it is its referral's. */
export function roomsFor({ event, organisationId }: Omit<PublishedEvent, 'partnerSeq'>): string[] {
  return isPartnerEvent(event.type, organisationId) && organisationId !== null
    ? [FRONT_DOOR_ROOM, organisationRoom(organisationId)]
    : [FRONT_DOOR_ROOM];
}
