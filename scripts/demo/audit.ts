import type { EntityManager } from 'typeorm';

/** The demo seed's audit entries: no actor, correlation id `seed:demo`, `source` in the details. */
export async function audit(
  manager: EntityManager,
  action: string,
  entityType: string,
  entityId: string,
  details: object,
): Promise<void> {
  await manager.query(
    `INSERT INTO audit_log (action, entity_type, entity_id, correlation_id, details) VALUES ($1, $2, $3, $4, $5)`,
    [
      action,
      entityType,
      entityId,
      'seed:demo',
      JSON.stringify({ ...details, source: 'seed:demo' }),
    ],
  );
}
