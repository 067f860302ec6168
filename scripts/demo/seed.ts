import type { EntityManager } from 'typeorm';
import { hashPassword } from '../../src/auth/users/password-policy.js';
import { DEMO_PARTNERS, DEMO_PASSWORD, DEMO_USERS } from './borough.js';

const SEED = { correlationId: 'seed:demo' };

async function audit(
  manager: EntityManager,
  action: string,
  entityType: string,
  entityId: string,
  details: object,
) {
  await manager.query(
    `INSERT INTO audit_log (action, entity_type, entity_id, correlation_id, details) VALUES ($1, $2, $3, $4, $5)`,
    [
      action,
      entityType,
      entityId,
      SEED.correlationId,
      JSON.stringify({ ...details, source: 'seed:demo' }),
    ],
  );
}

/** The organisation's id, inserting it if it is not there yet. */
async function ensureOrganisation(
  manager: EntityManager,
  name: string,
  kind: 'front_door' | 'partner',
): Promise<{ id: string; created: boolean }> {
  const inserted = await manager.query<{ id: string }[]>(
    `INSERT INTO organisations (name, kind) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING id`,
    [name, kind],
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

/** Creates what is missing of the demo borough, in the caller's transaction; keeps what exists. */
export async function seedDemoBorough(
  manager: EntityManager,
): Promise<{ organisations: number; users: number }> {
  let organisations = 0;
  let users = 0;
  const [frontDoor] = await manager.query<{ id: string }[]>(
    `SELECT id FROM organisations WHERE kind = 'front_door' ORDER BY created_at LIMIT 1`,
  );
  let frontDoorId = frontDoor?.id;
  if (frontDoorId === undefined) {
    const created = await ensureOrganisation(manager, 'One Front Door', 'front_door');
    frontDoorId = created.id;
    organisations += 1;
  }
  const partnerIds = new Map<string, string>();
  for (const name of DEMO_PARTNERS) {
    const partner = await ensureOrganisation(manager, name, 'partner');
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
  return { organisations, users };
}
