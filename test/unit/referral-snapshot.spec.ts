import {
  snapshotDisplayName,
  takeSnapshot,
  type SnapshotSource,
} from '../../src/referral/referral-snapshot.js';

const person: SnapshotSource = {
  firstName: 'Rosa',
  lastName: 'Marsh',
  preferredName: 'Ro',
  dateOfBirth: '1961-04-02',
  phone: '01772400123',
  email: 'rosa@example.org',
  address: '4 Mill Lane',
  postcode: 'PR25 1AA',
  language: 'en',
  communicationNeeds: 'Hard of hearing: text first',
  flags: ['digitally_excluded'],
  needs: [{ code: 'money.debt', severity: 3 }],
  risks: ['eviction'],
};

describe('What a referral shares: the fields chosen, nothing else', () => {
  it('takes only the chosen fields', () => {
    expect(takeSnapshot(person, ['dateOfBirth', 'needs'])).toEqual({
      dateOfBirth: '1961-04-02',
      needs: [{ code: 'money.debt', severity: 3 }],
    });
  });

  it('shares the name as its parts, and lists it under the preferred name', () => {
    const snapshot = takeSnapshot(person, ['name']);
    expect(snapshot).toEqual({
      name: { firstName: 'Rosa', lastName: 'Marsh', preferredName: 'Ro' },
    });
    expect(snapshotDisplayName(snapshot)).toBe('Ro Marsh');
    expect(snapshotDisplayName(takeSnapshot({ ...person, preferredName: null }, ['name']))).toBe(
      'Rosa Marsh',
    );
    expect(snapshotDisplayName(takeSnapshot(person, ['phone']))).toBeNull();
  });

  it('a field chosen but not recorded is shared as null, so the partner knows it was asked', () => {
    expect(takeSnapshot({ ...person, email: null }, ['email'])).toEqual({ email: null });
  });

  it('is a copy: later changes to the source do not reach it', () => {
    const source = { ...person, needs: [...person.needs], flags: [...person.flags] };
    const snapshot = takeSnapshot(source, ['needs', 'flags']);
    source.needs.push({ code: 'housing', severity: 1 });
    expect(snapshot.needs).toEqual([{ code: 'money.debt', severity: 3 }]);
  });
});
