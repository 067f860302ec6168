import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { OpenData } from '../../common/auth/access.decorators.js';
import { UuidParam } from '../../common/http/uuid-param.js';
import {
  FeedInfoResponse,
  FeedPage,
  FeedPageQuery,
  ServiceFeedQuery,
  TaxonomyTermFeedQuery,
} from './feed.dto.js';
import { FeedService } from './feed.service.js';
import type {
  OrukOrganizationDocument,
  OrukOrganizationListItem,
  OrukService,
  OrukServiceAtLocationDocument,
  OrukServiceAtLocationListItem,
  OrukServiceListItem,
  OrukTaxonomy,
  OrukTaxonomyTerm,
} from './hsds-documents.js';

const PAGE =
  'A page: `total_items`, `total_pages`, `page_number`, `size`, `first_page`, `last_page`, `empty`, `contents`.';

/**
 * The Open Referral UK 3.0 feed: the service directory as open data in the HSDS shapes (snake_case,
 * as the standard names them). Read-only; open to anyone unless OFD_HSDS_FEED_PUBLIC=false.
 */
@ApiTags('open referral (HSDS)')
@Controller('hsds')
@OpenData('hsdsFeedPublic')
@ApiBadRequestResponse({
  description: 'A parameter is not valid (`details.fields`), or a malformed id.',
})
export class FeedController {
  constructor(private readonly feed: FeedService) {}

  @Get()
  @ApiOperation({ summary: 'Which version and profile of Open Referral this feed follows.' })
  @ApiOkResponse({ type: FeedInfoResponse })
  info(): FeedInfoResponse {
    return this.feed.info();
  }

  @Get('services')
  @ApiOperation({ summary: 'Services (one-to-one fields), filtered and paged.' })
  @ApiOkResponse({ description: `${PAGE} Items follow the ORUK service_list schema.` })
  services(@Query() query: ServiceFeedQuery): Promise<FeedPage<OrukServiceListItem>> {
    return this.feed.services(query);
  }

  @Get('services/:id')
  @ApiOperation({ summary: 'A service, fully nested (ORUK service schema).' })
  @ApiOkResponse({ description: 'The ORUK service document.' })
  @ApiNotFoundResponse()
  service(@Param('id', UuidParam) id: string): Promise<OrukService> {
    return this.feed.service(id);
  }

  @Get('service_at_locations')
  @ApiOperation({ summary: 'Services at locations (one-to-one fields), filtered and paged.' })
  @ApiOkResponse({ description: `${PAGE} Items follow the ORUK service_at_location_list schema.` })
  servicesAtLocations(
    @Query() query: ServiceFeedQuery,
  ): Promise<FeedPage<OrukServiceAtLocationListItem>> {
    return this.feed.servicesAtLocations(query);
  }

  @Get('service_at_locations/:id')
  @ApiOperation({ summary: 'A service at a location, fully nested.' })
  @ApiOkResponse({ description: 'The ORUK service_at_location document.' })
  @ApiNotFoundResponse()
  serviceAtLocation(@Param('id', UuidParam) id: string): Promise<OrukServiceAtLocationDocument> {
    return this.feed.serviceAtLocation(id);
  }

  @Get('organizations')
  @ApiOperation({ summary: 'Organisations (one-to-one fields), paged.' })
  @ApiOkResponse({ description: `${PAGE} Items follow the ORUK organization_list schema.` })
  organizations(@Query() query: FeedPageQuery): Promise<FeedPage<OrukOrganizationListItem>> {
    return this.feed.organizations(query);
  }

  @Get('organizations/:id')
  @ApiOperation({ summary: 'An organisation with its services, fully nested.' })
  @ApiOkResponse({ description: 'The ORUK organization document.' })
  @ApiNotFoundResponse()
  organization(@Param('id', UuidParam) id: string): Promise<OrukOrganizationDocument> {
    return this.feed.organization(id);
  }

  @Get('taxonomies')
  @ApiOperation({ summary: 'Taxonomies: the need taxonomy, then imported ones.' })
  @ApiOkResponse({ description: `${PAGE} Items follow the ORUK taxonomy schema.` })
  taxonomies(@Query() query: FeedPageQuery): Promise<FeedPage<OrukTaxonomy>> {
    return this.feed.taxonomies(query);
  }

  @Get('taxonomies/:id')
  @ApiOkResponse({ description: 'The ORUK taxonomy document.' })
  @ApiNotFoundResponse()
  taxonomy(@Param('id', UuidParam) id: string): Promise<OrukTaxonomy> {
    return this.feed.taxonomy(id);
  }

  @Get('taxonomy_terms')
  @ApiOperation({ summary: 'Taxonomy terms: the need terms, then imported ones.' })
  @ApiOkResponse({ description: `${PAGE} Items follow the ORUK taxonomy_term schema.` })
  taxonomyTerms(@Query() query: TaxonomyTermFeedQuery): Promise<FeedPage<OrukTaxonomyTerm>> {
    return this.feed.taxonomyTerms(query);
  }

  @Get('taxonomy_terms/:id')
  @ApiOkResponse({ description: 'The ORUK taxonomy_term document.' })
  @ApiNotFoundResponse()
  taxonomyTerm(@Param('id', UuidParam) id: string): Promise<OrukTaxonomyTerm> {
    return this.feed.taxonomyTerm(id);
  }
}
