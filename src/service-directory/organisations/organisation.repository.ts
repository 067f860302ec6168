import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { givenFilters } from '../../common/where.js';
import type { OrganisationKind } from '../../common/auth/roles.js';
import { Organisation } from './organisation.entity.js';

@Injectable()
export class OrganisationRepository {
  constructor(
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
  ) {}

  private repo(manager?: EntityManager): Repository<Organisation> {
    return manager?.getRepository(Organisation) ?? this.organisations;
  }

  findById(id: string, manager?: EntityManager): Promise<Organisation | null> {
    return this.repo(manager).findOneBy({ id });
  }

  /** The organisation, locked against concurrent changes until the transaction ends. */
  findByIdForUpdate(manager: EntityManager, id: string): Promise<Organisation | null> {
    return manager
      .getRepository(Organisation)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findFirstOfKind(kind: OrganisationKind, manager?: EntityManager): Promise<Organisation | null> {
    return this.repo(manager).findOne({ where: { kind }, order: { createdAt: 'ASC' } });
  }

  findPage(
    filter: { kind?: OrganisationKind; active?: boolean },
    page: number,
    perPage: number,
  ): Promise<[Organisation[], number]> {
    return this.organisations.findAndCount({
      where: givenFilters({ kind: filter.kind, active: filter.active }),
      order: { name: 'ASC', id: 'ASC' },
      skip: (page - 1) * perPage,
      take: perPage,
    });
  }

  async insert(
    manager: EntityManager,
    organisation: Pick<Organisation, 'name' | 'kind'> & { active?: boolean },
  ): Promise<Organisation> {
    const repository = this.repo(manager);
    const result = await repository.insert(organisation);
    return repository.findOneByOrFail({ id: (result.identifiers[0] as { id: string }).id });
  }

  /** Compare-and-set when `expectedVersion` is given; false if the row changed meanwhile. */
  async update(
    manager: EntityManager,
    id: string,
    changes: Partial<Pick<Organisation, 'name' | 'active'>>,
    expectedVersion?: number,
  ): Promise<boolean> {
    const query = manager
      .createQueryBuilder()
      .update(Organisation)
      .set({ ...givenFilters(changes), version: () => 'version + 1' })
      .where('id = :id', { id });
    if (expectedVersion !== undefined)
      query.andWhere('version = :expectedVersion', { expectedVersion });
    return (await query.execute()).affected === 1;
  }
}
