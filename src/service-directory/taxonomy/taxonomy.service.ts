import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import type { Actor } from '../../common/auth/actor.js';
import { AppError } from '../../common/errors/app-error.js';
import { isUniqueViolation } from '../../common/errors/postgres-errors.js';
import type {
  CreateNeedTermRequest,
  NeedTermResponse,
  UpdateNeedTermRequest,
} from './taxonomy.dto.js';
import { NeedTerm } from './need-term.entity.js';

export const TaxonomyErrors = {
  notFound: () => new AppError('not_found', 'NEED_TERM_NOT_FOUND', 'There is no such need term.'),
  codeTaken: () =>
    new AppError('conflict', 'NEED_TERM_CODE_TAKEN', 'A need term with this code already exists.', {
      fields: { code: ['is already in use'] },
    }),
  parentMissing: (parent: string) =>
    new AppError(
      'bad_request',
      'NEED_TERM_PARENT_UNKNOWN',
      `The parent term "${parent}" does not exist.`,
      {
        fields: { code: [`needs an existing parent "${parent}"`] },
      },
    ),
  versionConflict: () =>
    new AppError(
      'conflict',
      'NEED_TERM_VERSION_CONFLICT',
      'The term was changed by someone else; reload and try again.',
    ),
};

function toResponse(term: NeedTerm): NeedTermResponse {
  return {
    code: term.code,
    label: term.label,
    parent: term.parentCode,
    active: term.active,
    version: term.version,
  };
}

/** The need taxonomy: read by everyone, edited by administrators, every change audited. */
@Injectable()
export class TaxonomyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(NeedTerm) private readonly terms: Repository<NeedTerm>,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<NeedTermResponse[]> {
    return (await this.terms.find({ order: { code: 'ASC' } })).map(toResponse);
  }

  /** A child's parent is its code up to the last dot (money.debt → money), which must exist. */
  async create(actor: Actor, request: CreateNeedTermRequest): Promise<NeedTermResponse> {
    const dot = request.code.lastIndexOf('.');
    const parent = dot === -1 ? null : request.code.slice(0, dot);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const repository = manager.getRepository(NeedTerm);
        if (parent !== null && !(await repository.existsBy({ code: parent }))) {
          throw TaxonomyErrors.parentMissing(parent);
        }
        await repository.insert({ code: request.code, label: request.label, parentCode: parent });
        await this.audit.record(
          { actor, action: 'need_term.created', entityType: 'need_term', entityId: request.code },
          manager,
        );
        return toResponse(await repository.findOneByOrFail({ code: request.code }));
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw TaxonomyErrors.codeTaken();
      throw error;
    }
  }

  async update(
    actor: Actor,
    code: string,
    request: UpdateNeedTermRequest,
  ): Promise<NeedTermResponse> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(NeedTerm);
      const before = await repository.findOne({
        where: { code },
        lock: { mode: 'pessimistic_write' },
      });
      if (before === null) throw TaxonomyErrors.notFound();
      if (request.version !== undefined && request.version !== before.version)
        throw TaxonomyErrors.versionConflict();
      const changes: Partial<Pick<NeedTerm, 'label' | 'active'>> = {};
      if (request.label !== undefined) changes.label = request.label;
      if (request.active !== undefined) changes.active = request.active;
      if (Object.keys(changes).length > 0) {
        await repository.update({ code }, { ...changes, version: before.version + 1 });
        await this.audit.record(
          {
            actor,
            action: 'need_term.updated',
            entityType: 'need_term',
            entityId: code,
            details: { fields: Object.keys(changes) },
          },
          manager,
        );
      }
      return toResponse(await repository.findOneByOrFail({ code }));
    });
  }
}
