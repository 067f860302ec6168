import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inTransactionAs } from '../database/owner-transaction.js';
import { projectRoot } from '../common/project-root.js';
import { ConfigError } from '../config/app-config.js';
import { normalisePostcodeSector } from './areas/postcode.js';
import { NEED_CODE } from './taxonomy/taxonomy.dto.js';

interface TaxonomyFile {
  terms: { code: string; label: string; parent?: string }[];
}

interface AreasFile {
  district: { code: string; name: string };
  serviceDeliveryAreas: {
    code: string;
    name: string;
    wards: { code: string; name: string; sectors: string[] }[];
  }[];
}

function readJson<T>(file: string): T {
  const path = join(projectRoot(), 'config', file);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    throw new ConfigError(`config/${file} could not be read as JSON: ${String(error)}`);
  }
}

/** The need taxonomy of config/taxonomy.json, checked: parents first, codes well formed. */
export function configuredTaxonomy(): TaxonomyFile['terms'] {
  const { terms } = readJson<TaxonomyFile>('taxonomy.json');
  const seen = new Set<string>();
  for (const term of terms) {
    if (!NEED_CODE.test(term.code)) {
      throw new ConfigError(
        `config/taxonomy.json: "${term.code}" is not a code like money or money.debt.`,
      );
    }
    if (seen.has(term.code))
      throw new ConfigError(`config/taxonomy.json: "${term.code}" appears twice.`);
    if (
      term.parent !== undefined &&
      (!seen.has(term.parent) || !term.code.startsWith(`${term.parent}.`))
    ) {
      throw new ConfigError(
        `config/taxonomy.json: "${term.code}" must come after its parent "${term.parent}" and start with "${term.parent}.".`,
      );
    }
    seen.add(term.code);
  }
  return terms;
}

/** The areas of config/areas.json, flattened, with every postcode sector normalised. */
export function configuredAreas(): {
  areas: { code: string; name: string; kind: string; parent: string | null }[];
  sectors: { sector: string; ward: string }[];
} {
  const file = readJson<AreasFile>('areas.json');
  const areas = [
    {
      code: file.district.code,
      name: file.district.name,
      kind: 'district',
      parent: null as string | null,
    },
  ];
  const sectors: { sector: string; ward: string }[] = [];
  for (const sda of file.serviceDeliveryAreas) {
    areas.push({
      code: sda.code,
      name: sda.name,
      kind: 'service_delivery_area',
      parent: file.district.code,
    });
    for (const ward of sda.wards) {
      areas.push({ code: ward.code, name: ward.name, kind: 'ward', parent: sda.code });
      for (const raw of ward.sectors) {
        const sector = normalisePostcodeSector(raw);
        if (sector === undefined) {
          throw new ConfigError(
            `config/areas.json: "${raw}" (ward ${ward.code}) is not a postcode sector like "PR25 1".`,
          );
        }
        const other = sectors.find((entry) => entry.sector === sector);
        if (other !== undefined) {
          throw new ConfigError(
            `config/areas.json: sector "${sector}" is in both ${other.ward} and ${ward.code}.`,
          );
        }
        sectors.push({ sector, ward: ward.code });
      }
    }
  }
  return { areas, sectors };
}

/**
 * Applies config/ after the migrations, in one transaction, as the tables' owner. New need terms
 * are added; terms already there are kept as administrators left them. Areas and their postcode
 * sectors follow config/areas.json exactly.
 */
export async function applyReferenceData(ownerUrl: string): Promise<void> {
  const terms = configuredTaxonomy();
  const { areas, sectors } = configuredAreas();
  await inTransactionAs(ownerUrl, async (client) => {
    for (const term of terms) {
      await client.query(
        `INSERT INTO need_terms (code, label, parent_code) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING`,
        [term.code, term.label, term.parent ?? null],
      );
    }
    for (const area of areas) {
      await client.query(
        `INSERT INTO areas (code, name, kind, parent_code) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, parent_code = EXCLUDED.parent_code`,
        [area.code, area.name, area.kind, area.parent],
      );
    }
    await client.query('DELETE FROM area_postcode_sectors WHERE NOT (sector = ANY($1::text[]))', [
      sectors.map((entry) => entry.sector),
    ]);
    for (const entry of sectors) {
      await client.query(
        `INSERT INTO area_postcode_sectors (sector, area_code) VALUES ($1, $2)
         ON CONFLICT (sector) DO UPDATE SET area_code = EXCLUDED.area_code`,
        [entry.sector, entry.ward],
      );
    }
  });
}
