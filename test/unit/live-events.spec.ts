import { EVENT_TYPES } from '../../src/live/event-log.js';
import {
  FRONT_DOOR_ROOM,
  isFrontDoor,
  isPartnerEvent,
  organisationRoom,
  roomsFor,
  sessionRoom,
  viewerRoom,
  type LiveViewer,
  type PublishedEvent,
} from '../../src/live/live-events.js';
import type { Role } from '../../src/common/auth/roles.js';

const ORG = '6f1c7a52-0f7e-4c55-9d43-2f3b8f0b1a11';
const OTHER_ORG = '0b8e2c11-5a2f-4b7e-8c3d-9e1f2a3b4c5d';

const viewer = (role: Role, organisationId = ORG): LiveViewer => ({
  userId: 'a5d0c1e2-3f4a-4b5c-8d6e-7f8091a2b3c4',
  sessionId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
  role,
  organisationId,
  tokenExpiresAt: 0,
});

const published = (type: string, organisationId: string | null): PublishedEvent => ({
  event: { seq: 1, type, at: '2026-01-01T00:00:00.000Z', data: {} },
  organisationId,
  partnerSeq: null,
});

const REFERRAL_TYPES = EVENT_TYPES.filter((type) => type.startsWith('referral.'));
const FRONT_DOOR_TYPES = EVENT_TYPES.filter((type) => !type.startsWith('referral.'));

describe('Live rooms and visibility (src/live/live-events.ts)', () => {
  it('the event types split into the referral loop and the front door events', () => {
    expect(REFERRAL_TYPES).toHaveLength(11);
    expect(FRONT_DOOR_TYPES).toEqual([
      'case.created',
      'case.triaged',
      'case.assigned',
      'case.closed',
      'safeguarding.alert',
    ]);
  });

  describe('viewerRoom', () => {
    it.each(['admin', 'team_lead', 'call_handler', 'caseworker'] as const)(
      'a %s watches the front door queue, whatever its organisation',
      (role) => {
        expect(isFrontDoor(viewer(role))).toBe(true);
        expect(viewerRoom(viewer(role))).toBe(FRONT_DOOR_ROOM);
        expect(viewerRoom(viewer(role, OTHER_ORG))).toBe(FRONT_DOOR_ROOM);
      },
    );

    it('a partner user watches the room of its own organisation, never the front door', () => {
      expect(isFrontDoor(viewer('partner'))).toBe(false);
      expect(viewerRoom(viewer('partner'))).toBe(`organisation:${ORG}`);
      expect(viewerRoom(viewer('partner', OTHER_ORG))).toBe(`organisation:${OTHER_ORG}`);
      expect(viewerRoom(viewer('partner'))).not.toBe(viewerRoom(viewer('partner', OTHER_ORG)));
    });

    it('rooms are named apart: organisation, session and the front door never collide', () => {
      expect(organisationRoom(ORG)).toBe(`organisation:${ORG}`);
      expect(sessionRoom(ORG)).toBe(`session:${ORG}`);
      expect(new Set([FRONT_DOOR_ROOM, organisationRoom(ORG), sessionRoom(ORG)]).size).toBe(3);
    });
  });

  describe('isPartnerEvent', () => {
    it.each(REFERRAL_TYPES)('%s of an organisation is a partner event', (type) => {
      expect(isPartnerEvent(type, ORG)).toBe(true);
    });

    it.each(REFERRAL_TYPES)('%s of no organisation is not', (type) => {
      expect(isPartnerEvent(type, null)).toBe(false);
    });

    it.each(FRONT_DOOR_TYPES)('%s is never one, even with an organisation', (type) => {
      expect(isPartnerEvent(type, ORG)).toBe(false);
      expect(isPartnerEvent(type, null)).toBe(false);
    });

    it('only the referral. prefix counts, not a look-alike', () => {
      expect(isPartnerEvent('referrals.sent', ORG)).toBe(false);
      expect(isPartnerEvent('case.referral.sent', ORG)).toBe(false);
      expect(isPartnerEvent('Referral.sent', ORG)).toBe(false);
    });
  });

  describe('roomsFor', () => {
    it.each(REFERRAL_TYPES)(
      '%s goes to the front door and to the room of its organisation only',
      (type) => {
        expect(roomsFor(published(type, ORG))).toEqual([FRONT_DOOR_ROOM, organisationRoom(ORG)]);
        expect(roomsFor(published(type, OTHER_ORG))).toEqual([
          FRONT_DOOR_ROOM,
          organisationRoom(OTHER_ORG),
        ]);
      },
    );

    it.each(FRONT_DOOR_TYPES)('%s goes to the front door only', (type) => {
      expect(roomsFor(published(type, null))).toEqual([FRONT_DOOR_ROOM]);
      // Even were an organisation recorded against it, no partner hears of it.
      expect(roomsFor(published(type, ORG))).toEqual([FRONT_DOOR_ROOM]);
    });

    it('a referral event with no organisation goes to the front door only', () => {
      expect(roomsFor(published('referral.sent', null))).toEqual([FRONT_DOOR_ROOM]);
    });

    it('the room of a partner viewer receives exactly the referral events of its organisation', () => {
      const partner = viewerRoom(viewer('partner'));
      const heard = [...REFERRAL_TYPES, ...FRONT_DOOR_TYPES]
        .flatMap((type) => [
          published(type, ORG),
          published(type, OTHER_ORG),
          published(type, null),
        ])
        .filter((event) => roomsFor(event).includes(partner));
      expect(heard).toEqual(REFERRAL_TYPES.map((type) => published(type, ORG)));
    });
  });
});
