import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { givenFilters } from '../../common/where.js';
import type { Role } from '../../common/auth/roles.js';
import { User } from './user.entity.js';

export interface LoginCandidate {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string;
  passwordHash: string;
  active: boolean;
  organisationActive: boolean;
}

export interface UserFilter {
  role?: Role;
  organisationId?: string;
  active?: boolean;
}

@Injectable()
export class UserRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async findForLogin(email: string): Promise<LoginCandidate | undefined> {
    const rows = await this.users.query<
      {
        id: string;
        email: string;
        name: string;
        role: Role;
        organisation_id: string;
        password_hash: string;
        active: boolean;
        organisation_active: boolean;
      }[]
    >(
      `SELECT u.id, u.email, u.name, u.role, u.organisation_id, u.password_hash, u.active, o.active AS organisation_active
         FROM users u JOIN organisations o ON o.id = u.organisation_id
        WHERE u.email = $1`,
      [email],
    );
    const row = rows[0];
    return row === undefined
      ? undefined
      : {
          id: row.id,
          email: row.email,
          name: row.name,
          role: row.role,
          organisationId: row.organisation_id,
          passwordHash: row.password_hash,
          active: row.active,
          organisationActive: row.organisation_active,
        };
  }

  findById(id: string, manager?: EntityManager): Promise<User | null> {
    return (manager?.getRepository(User) ?? this.users).findOneBy({ id });
  }

  /**
   * Locks the user (and their organisation) until the transaction ends, if they are still active
   * with this role; false otherwise. Serialises a login against a concurrent disable or role change.
   */
  async lockIfStillAllowed(manager: EntityManager, id: string, role: Role): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM users u JOIN organisations o ON o.id = u.organisation_id
        WHERE u.id = $1 AND u.role = $2 AND u.active AND o.active
        FOR SHARE OF u, o`,
      [id, role],
    );
    return rows.length === 1;
  }

  /** The user, locked against concurrent changes until the transaction ends. */
  findByIdForUpdate(manager: EntityManager, id: string): Promise<User | null> {
    return manager
      .getRepository(User)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async findPage(filter: UserFilter, page: number, perPage: number): Promise<[User[], number]> {
    return this.users.findAndCount({
      where: givenFilters({
        role: filter.role,
        organisationId: filter.organisationId,
        active: filter.active,
      }),
      order: { name: 'ASC', id: 'ASC' },
      skip: (page - 1) * perPage,
      take: perPage,
    });
  }

  async insert(
    manager: EntityManager,
    user: Omit<User, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'caseloadLimit'> &
      Partial<Pick<User, 'caseloadLimit'>>,
  ): Promise<User> {
    const repository = manager.getRepository(User);
    const result = await repository.insert(user);
    const id = (result.identifiers[0] as { id: string }).id;
    return repository.findOneByOrFail({ id });
  }

  /**
   * Compare-and-set update: applies only if the row still has `expectedVersion` (when given).
   * Returns false when the row changed meanwhile.
   */
  async update(
    manager: EntityManager,
    id: string,
    changes: Partial<Pick<User, 'name' | 'role' | 'active' | 'passwordHash'>>,
    expectedVersion?: number,
  ): Promise<boolean> {
    const query = manager
      .createQueryBuilder()
      .update(User)
      .set({ ...givenFilters(changes), version: () => 'version + 1' })
      .where('id = :id', { id });
    if (expectedVersion !== undefined)
      query.andWhere('version = :expectedVersion', { expectedVersion });
    const result = await query.execute();
    return result.affected === 1;
  }

  async countAll(manager: EntityManager): Promise<number> {
    return manager.getRepository(User).count();
  }
}
