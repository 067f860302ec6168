/**
 * npm run directory:import -- FILE: imports an HSDS 3.0 dataset (a page `{ contents: [...] }`, an
 * array of services, or one service) into the service directory, as POST /api/hsds/import does,
 * and prints the report. On DATABASE_URL, or on the embedded PostgreSQL in OFD_DATA_DIR.
 * Exits 1 when the file cannot be read or is not a dataset; rejected records are listed and do
 * not change the exit code.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../src/audit/audit.repository.js';
import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { AuditService } from '../src/audit/audit.service.js';
import { AppError } from '../src/common/errors/app-error.js';
import { ConfigError, loadConfig } from '../src/config/app-config.js';
import { dataSourceOptions } from '../src/database/data-source.js';
import { migrateDatabase } from '../src/database/migrate.js';
import { openDatabase } from '../src/database/open-database.js';
import { recordsOf } from '../src/service-directory/hsds/import-validation.js';
import {
  HsdsImportService,
  type ImportIssue,
  type ImportReport,
} from '../src/service-directory/hsds/import.service.js';

/** The file could not be read, or is not an HSDS dataset: nothing was imported. */
export class ImportFileError extends Error {}

const USAGE =
  'Usage: npm run directory:import -- FILE [--warnings]  (FILE: HSDS 3.0 services as JSON)';

export interface ImportArguments {
  /** The file, resolved against the folder the command was run from. */
  file: string;
  /** List each record's warnings too. */
  warnings: boolean;
}

/** The command's arguments (those after `node script`). */
export function importArguments(args: readonly string[]): ImportArguments {
  const rest = args.filter((arg) => arg !== '--');
  const warnings = rest.includes('--warnings');
  const files = rest.filter((arg) => arg !== '--warnings');
  if (files.length !== 1 || files[0].startsWith('-')) throw new ImportFileError(USAGE);
  // npm runs scripts in the package's folder; a relative path means the caller's folder.
  return { file: resolve(process.env.INIT_CWD ?? process.cwd(), files[0]), warnings };
}

/** Reads and parses the dataset; throws ImportFileError before any database is touched. */
export async function readDataset(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unknown error';
    throw new ImportFileError(`${path} could not be read (${code}).`);
  }
  let dataset: unknown;
  try {
    dataset = JSON.parse(text);
  } catch (error) {
    throw new ImportFileError(`${path} is not JSON: ${(error as Error).message}`);
  }
  if (recordsOf(dataset) === undefined) {
    throw new ImportFileError(
      `${path} is not HSDS 3.0 services: expected a page ({ "contents": [...] }), an array of services, or one service.`,
    );
  }
  return dataset;
}

/**
 * Imports the file into the database the environment names (migrating it first, as every
 * command does) and returns the report. The audit trail names no user: the command's
 * correlation id says where the changes came from.
 */
export async function importDirectoryFile(
  path: string,
  env: NodeJS.ProcessEnv = process.env,
  log: (message: string) => void = () => undefined,
): Promise<ImportReport> {
  const dataset = await readDataset(path);
  const database = await openDatabase(loadConfig(env), log);
  try {
    await migrateDatabase(database.config);
    const dataSource = new DataSource(dataSourceOptions(database.config.databaseUrl, 1));
    await dataSource.initialize();
    try {
      const audit = new AuditService(
        dataSource,
        new AuditRepository(dataSource.getRepository(AuditEntry)),
      );
      const imports = new HsdsImportService(dataSource, audit);
      return await imports.import(
        { correlationId: `directory:import:${randomUUID()}` },
        dataset,
        'cli',
      );
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await database.close();
  }
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The report as lines for a terminal: the counts, then each rejection with its reasons. */
export function describeReport(report: ImportReport, options = { warnings: false }): string[] {
  const lines = [
    `${plural(report.records.length, 'service')}: ${report.created} created, ${report.updated} updated, ` +
      `${report.unchanged} unchanged, ${report.rejected} rejected.`,
  ];
  const issues = (label: string, list: ImportIssue[]) =>
    list.map(
      (issue) => `  ${label}${issue.path === '' ? '(record)' : issue.path}: ${issue.message}`,
    );
  for (const record of report.records) {
    const heading = `Record ${record.index} (${record.id ?? 'no id'})`;
    if (record.outcome === 'rejected') {
      lines.push(`${heading} rejected:`, ...issues('', record.reasons ?? []));
    }
    if (options.warnings && record.warnings !== undefined) {
      if (record.outcome !== 'rejected') lines.push(`${heading} ${record.outcome}:`);
      lines.push(...issues('warning: ', record.warnings));
    }
  }
  const warned = report.records.filter((record) => record.warnings !== undefined).length;
  if (warned > 0 && !options.warnings) {
    lines.push(
      `${plural(warned, 'record')} with warnings (fields not kept as given): add --warnings to list them.`,
    );
  }
  return lines;
}

async function main(): Promise<void> {
  const args = importArguments(process.argv.slice(2));
  const report = await importDirectoryFile(args.file, process.env, (message) =>
    console.log(message),
  );
  for (const line of describeReport(report, args)) console.log(line);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    const expected =
      error instanceof ImportFileError || error instanceof ConfigError || error instanceof AppError;
    console.error(expected ? error.message : error);
    process.exit(1);
  });
}
