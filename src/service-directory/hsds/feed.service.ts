import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import { normalisePostcode } from '../areas/postcode.js';
import { queryWords, ServiceSearch, textQuery } from '../services/service-search.js';
import type {
  FeedInfoResponse,
  FeedPage,
  FeedPageQuery,
  ServiceFeedQuery,
  TaxonomyTermFeedQuery,
} from './feed.dto.js';
import {
  loadOrganizationDocuments,
  loadOrganizationListItems,
  loadServiceAtLocationDocuments,
  loadServiceAtLocationListItems,
  loadServiceDocuments,
  loadServiceListItems,
  needTaxonomy,
  renderNeedTerm,
  renderTaxonomy,
  renderTaxonomyTerm,
  TAXONOMY_TERM_COLUMNS,
  type NeedTermRow,
  type OrukOrganizationDocument,
  type OrukOrganizationListItem,
  type OrukService,
  type OrukServiceAtLocationDocument,
  type OrukServiceAtLocationListItem,
  type OrukServiceListItem,
  type OrukTaxonomy,
  type OrukTaxonomyTerm,
  type TaxonomyRow,
  type TaxonomyTermRow,
} from './hsds-documents.js';
import { NEED_TAXONOMY_ID, needTermId } from './ids.js';

/** The Open Referral UK profile this feed follows, and the OpenAPI document of that version. */
export const ORUK_PROFILE_URL = 'https://open-referral-uk-profile.readthedocs.io/en/latest/';
export const ORUK_OPENAPI_URL =
  'https://raw.githubusercontent.com/OpenReferralUK/uk-profile/ecdfabf78944d480d7f580d08b702b08cbec4b09/schema/openapi.json';

export const FeedErrors = {
  notFound: (code: string, what: string) =>
    new AppError('not_found', code, `There is no such ${what}.`),
};

/** Numbered SQL parameters, added as a query is built. */
class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** What the service filters make of a query: conditions on `s` (services) and a rank to sort by. */
interface ServiceFilter {
  where: string;
  rank: string | null;
  params: Params;
}

/** The words of a service as full text (kept by a trigger, indexed by IDX_services_search_vector). */
const SEARCHED = `s.search_vector`;

function page<T>(contents: T[], total: number, query: FeedPageQuery): FeedPage<T> {
  const totalPages = Math.ceil(total / query.per_page);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: query.page,
    size: contents.length,
    first_page: query.page === 1,
    last_page: query.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** The documents of these ids, in the ids' order. */
function inOrder<T>(ids: readonly string[], documents: Map<string, T>): T[] {
  return ids.map((id) => documents.get(id)).filter((document) => document !== undefined);
}

/**
 * The Open Referral UK feed: the directory as HSDS 3.0 documents, read-only. Each request reads
 * one consistent snapshot; lists are paged in SQL and their documents loaded in batches.
 */
@Injectable()
export class FeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly search: ServiceSearch,
  ) {}

  info(): FeedInfoResponse {
    return { version: '3.0', profile: ORUK_PROFILE_URL, openapi_url: ORUK_OPENAPI_URL };
  }

  services(query: ServiceFeedQuery): Promise<FeedPage<OrukServiceListItem>> {
    return this.read(async (manager) => {
      const filter = await this.serviceFilter(manager, query);
      const { total, ids } = await this.pageOf(
        manager,
        filter,
        'services s',
        's.id',
        's.name, s.id',
        query,
      );
      return page(inOrder(ids, await loadServiceListItems(manager, ids)), total, query);
    });
  }

  service(id: string): Promise<OrukService> {
    return this.read(async (manager) => {
      const document = (await loadServiceDocuments(manager, [id])).get(id);
      if (document === undefined) throw FeedErrors.notFound('SERVICE_NOT_FOUND', 'service');
      return document;
    });
  }

  servicesAtLocations(query: ServiceFeedQuery): Promise<FeedPage<OrukServiceAtLocationListItem>> {
    return this.read(async (manager) => {
      const filter = await this.serviceFilter(manager, query);
      const { total, ids } = await this.pageOf(
        manager,
        filter,
        `service_at_locations sal JOIN services s ON s.id = sal.service_id
         JOIN locations l ON l.id = sal.location_id`,
        'sal.id',
        's.name, s.id, l.name, sal.id',
        query,
      );
      return page(inOrder(ids, await loadServiceAtLocationListItems(manager, ids)), total, query);
    });
  }

  serviceAtLocation(id: string): Promise<OrukServiceAtLocationDocument> {
    return this.read(async (manager) => {
      const document = (await loadServiceAtLocationDocuments(manager, [id])).get(id);
      if (document === undefined) {
        throw FeedErrors.notFound('SERVICE_AT_LOCATION_NOT_FOUND', 'service at a location');
      }
      return document;
    });
  }

  organizations(query: FeedPageQuery): Promise<FeedPage<OrukOrganizationListItem>> {
    return this.read(async (manager) => {
      const params = new Params();
      const { total, ids } = await this.pageOf(
        manager,
        { where: PUBLISHED_ORGANISATION, rank: null, params },
        'organisations o',
        'o.id',
        'o.name, o.id',
        query,
      );
      return page(inOrder(ids, await loadOrganizationListItems(manager, ids)), total, query);
    });
  }

  organization(id: string): Promise<OrukOrganizationDocument> {
    return this.read(async (manager) => {
      const [published] = await manager.query<unknown[]>(
        `SELECT 1 FROM organisations o WHERE o.id = $1 AND ${PUBLISHED_ORGANISATION}`,
        [id],
      );
      const document =
        published === undefined
          ? undefined
          : (await loadOrganizationDocuments(manager, [id])).get(id);
      if (document === undefined) {
        throw FeedErrors.notFound('ORGANISATION_NOT_FOUND', 'organisation');
      }
      return document;
    });
  }

  /** The need taxonomy first, then imported taxonomies by name. */
  taxonomies(query: FeedPageQuery): Promise<FeedPage<OrukTaxonomy>> {
    return this.read(async (manager) => {
      const [{ total }] = await manager.query<{ total: number }[]>(
        `SELECT count(*)::int + 1 AS total FROM taxonomies`,
      );
      // The need taxonomy takes the first place of the first page; the table fills the rest.
      const offset = (query.page - 1) * query.per_page;
      const rows = await manager.query<TaxonomyRow[]>(
        `SELECT id, name, description, uri, version FROM taxonomies ORDER BY name, id
          LIMIT $1 OFFSET $2`,
        [offset === 0 ? query.per_page - 1 : query.per_page, Math.max(offset - 1, 0)],
      );
      const first = offset === 0 ? [needTaxonomy()] : [];
      return page([...first, ...rows.map(renderTaxonomy)], total, query);
    });
  }

  taxonomy(id: string): Promise<OrukTaxonomy> {
    if (id === NEED_TAXONOMY_ID) return Promise.resolve(needTaxonomy());
    return this.read(async (manager) => {
      const [row] = await manager.query<TaxonomyRow[]>(
        `SELECT id, name, description, uri, version FROM taxonomies WHERE id = $1`,
        [id],
      );
      if (row === undefined) throw FeedErrors.notFound('TAXONOMY_NOT_FOUND', 'taxonomy');
      return renderTaxonomy(row);
    });
  }

  /** The need terms by code, then imported terms by name. */
  taxonomyTerms(query: TaxonomyTermFeedQuery): Promise<FeedPage<OrukTaxonomyTerm>> {
    return this.read(async (manager) => {
      const only = query.taxonomy_id;
      const params = new Params();
      const needs = only === undefined || only === NEED_TAXONOMY_ID;
      const imported =
        only === undefined
          ? 'true'
          : only === NEED_TAXONOMY_ID
            ? 'false'
            : `taxonomy_id = ${params.add(only)}`;
      const terms = `SELECT 0 AS part, code AS key, code AS sort FROM need_terms WHERE ${needs}
                     UNION ALL
                     SELECT 1, id::text, name FROM taxonomy_terms WHERE ${imported}`;
      const [{ total }] = await manager.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM (${terms}) t`,
        params.values,
      );
      const keys = await manager.query<{ part: number; key: string }[]>(
        `SELECT part, key FROM (${terms}) t ORDER BY part, sort, key
          LIMIT ${params.add(query.per_page)} OFFSET ${params.add((query.page - 1) * query.per_page)}`,
        params.values,
      );
      const needKeys = keys.filter((key) => key.part === 0).map((key) => key.key);
      const importedKeys = keys.filter((key) => key.part === 1).map((key) => key.key);
      const needRows = await manager.query<NeedTermRow[]>(
        `SELECT code, label, parent_code FROM need_terms WHERE code = ANY($1) ORDER BY code`,
        [needKeys],
      );
      const importedRows = new Map(
        (
          await manager.query<TaxonomyTermRow[]>(
            `SELECT ${TAXONOMY_TERM_COLUMNS} FROM taxonomy_terms WHERE id = ANY($1::uuid[])`,
            [importedKeys],
          )
        ).map((row) => [row.id, renderTaxonomyTerm(row)]),
      );
      const contents = [...needRows.map(renderNeedTerm), ...inOrder(importedKeys, importedRows)];
      return page(contents, total, query);
    });
  }

  taxonomyTerm(id: string): Promise<OrukTaxonomyTerm> {
    return this.read(async (manager) => {
      const code = (await this.needCodesById(manager)).get(id);
      if (code !== undefined) {
        const [row] = await manager.query<NeedTermRow[]>(
          `SELECT code, label, parent_code FROM need_terms WHERE code = $1`,
          [code],
        );
        return renderNeedTerm(row);
      }
      const [row] = await manager.query<TaxonomyTermRow[]>(
        `SELECT ${TAXONOMY_TERM_COLUMNS} FROM taxonomy_terms WHERE id = $1`,
        [id],
      );
      if (row === undefined) throw FeedErrors.notFound('TAXONOMY_TERM_NOT_FOUND', 'taxonomy term');
      return renderTaxonomyTerm(row);
    });
  }

  /** One consistent snapshot for everything a request reads. */
  private read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', work);
  }

  /** Need term codes by their published ids (the ids derive from the codes; they are not stored). */
  private async needCodesById(manager: EntityManager): Promise<Map<string, string>> {
    const rows = await manager.query<{ code: string }[]>(`SELECT code FROM need_terms`);
    return new Map(rows.map((row) => [needTermId(row.code), row.code]));
  }

  /** The total and one page of ids of what the filter matches, in order. */
  private async pageOf(
    manager: EntityManager,
    filter: ServiceFilter,
    from: string,
    id: string,
    order: string,
    query: FeedPageQuery,
  ): Promise<{ total: number; ids: string[] }> {
    const { params } = filter;
    const [{ total }] = await manager.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM ${from} WHERE ${filter.where}`,
      params.values,
    );
    const ranked = filter.rank === null ? order : `${filter.rank} DESC, ${order}`;
    const rows = await manager.query<{ id: string }[]>(
      `SELECT ${id} AS id FROM ${from} WHERE ${filter.where} ORDER BY ${ranked}
        LIMIT ${params.add(query.per_page)} OFFSET ${params.add((query.page - 1) * query.per_page)}`,
      params.values,
    );
    return { total, ids: rows.map((row) => row.id) };
  }

  /** The conditions on a service (`s`) that the query's filters make, all of them together. */
  private async serviceFilter(
    manager: EntityManager,
    query: ServiceFeedQuery,
  ): Promise<ServiceFilter> {
    const params = new Params();
    const conditions: string[] = [];
    let rank: string | null = null;
    if (query.search !== undefined) {
      // As the directory's own search: every word, through itself or a word spelt like it.
      const words = queryWords(query.search);
      const similar = await this.search.similarWords(words, manager);
      const asked = `to_tsquery('english', ${params.add(textQuery(similar))})`;
      conditions.push(`${SEARCHED} @@ ${asked}`);
      rank = `ts_rank(${SEARCHED}, ${asked})`;
    }
    if (query.taxonomy_term_id !== undefined) {
      const needCodes = await this.needCodesById(manager);
      const code = needCodes.get(query.taxonomy_term_id);
      if (code !== undefined) {
        // The need and the needs under it (their codes extend its code).
        const needs = [...needCodes.values()].filter(
          (other) => other === code || other.startsWith(`${code}.`),
        );
        conditions.push(`s.need_codes && ${params.add(needs)}::text[]`);
      } else {
        conditions.push(`s.id IN (SELECT st.service_id FROM service_taxonomy_terms st
          WHERE st.taxonomy_term_id = ${params.add(query.taxonomy_term_id)})`);
      }
    }
    if (query.taxonomy_id === NEED_TAXONOMY_ID) {
      conditions.push(`s.id IN (SELECT sn.service_id FROM service_needs sn)`);
    } else if (query.taxonomy_id !== undefined) {
      conditions.push(`s.id IN (SELECT st.service_id FROM service_taxonomy_terms st
          JOIN taxonomy_terms t ON t.id = st.taxonomy_term_id
         WHERE t.taxonomy_id = ${params.add(query.taxonomy_id)})`);
    }
    if (query.organization_id !== undefined) {
      conditions.push(`s.organisation_id = ${params.add(query.organization_id)}`);
    }
    // An age range overlapping the service's: minimum_age=a, maximum_age=b asks for services
    // open to someone aged between a and b; a = b asks for services open to that age.
    if (query.minimum_age !== undefined) {
      conditions.push(
        `(s.maximum_age IS NULL OR s.maximum_age >= ${params.add(query.minimum_age)})`,
      );
    }
    if (query.maximum_age !== undefined) {
      conditions.push(
        `(s.minimum_age IS NULL OR s.minimum_age <= ${params.add(query.maximum_age)})`,
      );
    }
    if (query.postcode !== undefined) {
      // As the directory's own search: services covering the postcode's ward, its service
      // delivery area or the whole borough; outside every area, nothing.
      const sector = normalisePostcode(query.postcode)?.sector ?? null;
      const terms = await this.search.searchTerms([], null, sector, manager);
      conditions.push(`s.area_codes && ${params.add(terms.covering_areas)}::text[]`);
    }
    if (query.modified_after !== undefined) {
      conditions.push(`s.updated_at >= ${params.add(query.modified_after)}`);
    }
    return { where: conditions.length === 0 ? 'true' : conditions.join(' AND '), rank, params };
  }
}

/** Organisations the feed publishes: active ones, and any that provides a service. */
const PUBLISHED_ORGANISATION = `(o.active OR EXISTS (SELECT 1 FROM services s WHERE s.organisation_id = o.id))`;
