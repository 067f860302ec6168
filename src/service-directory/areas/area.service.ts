import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import type { AreaKind } from './area.entity.js';
import type { AreaLookupResponse, AreaResponse } from './area.dto.js';
import { normalisePostcode } from './postcode.js';

export const AreaErrors = {
  malformedPostcode: () =>
    new AppError(
      'bad_request',
      'POSTCODE_MALFORMED',
      'This is not a UK postcode (e.g. PR25 1DH).',
      {
        fields: { postcode: ['must be a full UK postcode, e.g. PR25 1DH'] },
      },
    ),
  outsideAreas: () =>
    new AppError(
      'not_found',
      'POSTCODE_OUTSIDE_AREAS',
      'This postcode is outside every area the service covers.',
    ),
};

/** The borough's areas (from config/areas.json) and which one covers a postcode. */
@Injectable()
export class AreaService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(): Promise<AreaResponse[]> {
    const rows = await this.dataSource.query<
      {
        code: string;
        name: string;
        kind: AreaKind;
        parent_code: string | null;
        sectors: string[];
      }[]
    >(
      `SELECT a.code, a.name, a.kind, a.parent_code,
              coalesce(array_agg(s.sector ORDER BY s.sector) FILTER (WHERE s.sector IS NOT NULL), '{}') AS sectors
         FROM areas a LEFT JOIN area_postcode_sectors s ON s.area_code = a.code
        GROUP BY a.code ORDER BY a.kind, a.code`,
    );
    return rows.map((row) => ({
      code: row.code,
      name: row.name,
      kind: row.kind,
      parent: row.parent_code,
      postcodeSectors: row.sectors,
    }));
  }

  /** Normalises the postcode (case, spacing), then finds its ward and the areas above it. */
  async lookup(postcode: string): Promise<AreaLookupResponse> {
    const normalised = normalisePostcode(postcode);
    if (normalised === undefined) throw AreaErrors.malformedPostcode();
    const [row] = await this.dataSource.query<
      {
        ward: string;
        ward_name: string;
        sda: string;
        sda_name: string;
        district: string;
        district_name: string;
      }[]
    >(
      `SELECT w.code AS ward, w.name AS ward_name, sda.code AS sda, sda.name AS sda_name,
              d.code AS district, d.name AS district_name
         FROM area_postcode_sectors s
         JOIN areas w ON w.code = s.area_code
         JOIN areas sda ON sda.code = w.parent_code
         JOIN areas d ON d.code = sda.parent_code
        WHERE s.sector = $1`,
      [normalised.sector],
    );
    if (row === undefined) throw AreaErrors.outsideAreas();
    return {
      postcode: normalised.postcode,
      sector: normalised.sector,
      ward: { code: row.ward, name: row.ward_name },
      serviceDeliveryArea: { code: row.sda, name: row.sda_name },
      district: { code: row.district, name: row.district_name },
    };
  }
}
