import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { hashPassword } from '../../src/auth/users/password-policy.js';
import { projectRoot } from '../../src/common/project-root.js';
import { audit } from './audit.js';
import {
  DEMO_FRONT_DOOR,
  DEMO_PARTNER_DETAILS,
  DEMO_PARTNERS,
  DEMO_PASSWORD,
  DEMO_USERS,
  type DemoOrganisationDetails,
  type DemoPartner,
} from './borough.js';
import { seedDemoDirectory } from './directory.js';
import { seedDemoStories } from './referrals.js';

/** The organisation's id, inserting it (with its details) if it is not there yet. */
async function ensureOrganisation(
  manager: EntityManager,
  name: string,
  kind: 'front_door' | 'partner',
  details: DemoOrganisationDetails,
): Promise<{ id: string; created: boolean }> {
  const inserted = await manager.query<{ id: string }[]>(
    `INSERT INTO organisations (name, kind, description, email, website) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (name) DO NOTHING RETURNING id`,
    [
      name,
      kind,
      details.description,
      `${details.email}@${details.domain}`,
      `https://www.${details.domain}`,
    ],
  );
  if (inserted[0] !== undefined) {
    await audit(manager, 'organisation.created', 'organisation', inserted[0].id, { kind });
    return { id: inserted[0].id, created: true };
  }
  const [existing] = await manager.query<{ id: string }[]>(
    `SELECT id FROM organisations WHERE name = $1`,
    [name],
  );
  return { id: existing.id, created: false };
}

export interface DemoSeedResult {
  organisations: number;
  users: number;
  services: number;
  locations: number;
  /** Demo stories written: each a person with a triaged case, and its referrals. */
  cases: number;
  referrals: number;
}

export interface DemoSeedOptions {
  /** The triage rules the application runs with (OFD_TRIAGE_RULES_FILE); config/triage-rules.json by default. */
  triageRulesFile?: string;
}

/** Creates what is missing of the demo borough, in the caller's transaction; keeps what exists. */
export async function seedDemoBorough(
  manager: EntityManager,
  options: DemoSeedOptions = {},
): Promise<DemoSeedResult> {
  let organisations = 0;
  let users = 0;
  const [frontDoor] = await manager.query<{ id: string }[]>(
    `SELECT id FROM organisations WHERE kind = 'front_door' ORDER BY created_at LIMIT 1`,
  );
  let frontDoorId = frontDoor?.id;
  if (frontDoorId === undefined) {
    const created = await ensureOrganisation(
      manager,
      'One Front Door',
      'front_door',
      DEMO_FRONT_DOOR,
    );
    frontDoorId = created.id;
    organisations += 1;
  }
  const partnerIds = new Map<DemoPartner, string>();
  for (const name of DEMO_PARTNERS) {
    const partner = await ensureOrganisation(manager, name, 'partner', DEMO_PARTNER_DETAILS[name]);
    partnerIds.set(name, partner.id);
    if (partner.created) organisations += 1;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of DEMO_USERS) {
    const organisationId = user.partner === undefined ? frontDoorId : partnerIds.get(user.partner)!;
    const inserted = await manager.query<{ id: string }[]>(
      `INSERT INTO users (email, name, password_hash, role, organisation_id)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (email) DO NOTHING RETURNING id`,
      [user.email, user.name, passwordHash, user.role, organisationId],
    );
    if (inserted[0] !== undefined) {
      users += 1;
      await audit(manager, 'user.created', 'user', inserted[0].id, {
        role: user.role,
        organisationId,
      });
    }
  }
  const directory = await seedDemoDirectory(manager, partnerIds);
  const stories = await seedDemoStories(
    manager,
    options.triageRulesFile ?? join(projectRoot(), 'config', 'triage-rules.json'),
  );
  return { organisations, users, ...directory, ...stories };
}
