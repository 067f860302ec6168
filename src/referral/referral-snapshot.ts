/**
 * Minimum necessary: what a referral shares is chosen field by field by the sender, and frozen
 * at sending. The partner sees this snapshot, never the person's record or the case.
 */
export const SHARED_FIELDS = [
  'name',
  'dateOfBirth',
  'phone',
  'email',
  'address',
  'postcode',
  'language',
  'communicationNeeds',
  'flags',
  'needs',
  'risks',
] as const;
export type SharedField = (typeof SHARED_FIELDS)[number];

/** The person's and the case's facts a snapshot can be taken from. */
export interface SnapshotSource {
  firstName: string;
  lastName: string;
  preferredName: string | null;
  dateOfBirth: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
  language: string | null;
  communicationNeeds: string | null;
  flags: string[];
  needs: { code: string; severity: number }[];
  risks: string[];
}

export type ReferralSnapshot = Partial<Record<SharedField, unknown>>;

export interface SnapshotName {
  firstName: string;
  lastName: string;
  preferredName: string | null;
}

/** The chosen fields' values now, in the order of SHARED_FIELDS; nothing that was not chosen. */
export function takeSnapshot(
  source: SnapshotSource,
  fields: readonly SharedField[],
): ReferralSnapshot {
  const snapshot: ReferralSnapshot = {};
  for (const field of SHARED_FIELDS) {
    if (!fields.includes(field)) continue;
    snapshot[field] = valueOf(source, field);
  }
  return snapshot;
}

function valueOf(source: SnapshotSource, field: SharedField): unknown {
  switch (field) {
    case 'name':
      return {
        firstName: source.firstName,
        lastName: source.lastName,
        preferredName: source.preferredName,
      };
    case 'dateOfBirth':
      return source.dateOfBirth;
    case 'phone':
      return source.phone;
    case 'email':
      return source.email;
    case 'address':
      return source.address;
    case 'postcode':
      return source.postcode;
    case 'language':
      return source.language;
    case 'communicationNeeds':
      return source.communicationNeeds;
    case 'flags':
      return source.flags;
    case 'needs':
      return source.needs.map((need) => ({ code: need.code, severity: need.severity }));
    case 'risks':
      return source.risks;
    default: {
      const unreachable: never = field;
      throw new Error(`Unknown shared field ${String(unreachable)}`);
    }
  }
}

/** How the snapshot names the person in a list (preferred or first name, last name), if shared. */
export function snapshotDisplayName(snapshot: ReferralSnapshot): string | null {
  const name = snapshot.name as
    { firstName: string; lastName: string; preferredName: string | null } | undefined;
  if (name === undefined) return null;
  return `${name.preferredName !== null && name.preferredName !== '' ? name.preferredName : name.firstName} ${name.lastName}`;
}
