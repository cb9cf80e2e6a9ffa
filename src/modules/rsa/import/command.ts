import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Command, CommandError } from '../../../platform/commands.ts';
import { importFileDirectly, organisationBySlug } from './import.service.ts';
import { fieldLabels, requiredFields } from './mapping.ts';

const usage = 'rsa:import --organisation <identifiant> <fichier>';

/**
 * `npm run cli -- rsa:import --organisation <slug> <file>`: applies a list at once, without preview,
 * with the organisation's saved columns or the recognised headers. Prints each rejected line
 * (`line <n>: <reason>`), then `created N, updated N, unchanged N, rejected N`.
 */
export const rsaImportCommand: Command = {
  summary: 'Importe une liste d’allocataires RSA (CSV, XLSX, ODS) sans aperçu.',
  usage,
  options: { organisation: { type: 'string' } },
  async run(platform, args) {
    const slug = typeof args.values.organisation === 'string' ? args.values.organisation.trim() : '';
    const [file, ...extra] = args.positionals;
    if (!slug || !file || extra.length) {
      throw new CommandError(
        `Indiquez une organisation et un seul fichier.\nUsage : npm run cli -- ${usage}`,
      );
    }
    const { db } = platform.database;
    const organisation = await organisationBySlug(db, slug);
    if (!organisation) {
      throw new CommandError(
        `Organisation inconnue ou sans territoire : ${slug} (« npm run cli -- organisation:list » les liste).`,
      );
    }
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch (error) {
      throw new CommandError(`Impossible de lire le fichier ${file} : ${(error as Error).message}`);
    }
    let result: Awaited<ReturnType<typeof importFileDirectly>>;
    try {
      result = await importFileDirectly(db, {
        organisation,
        fileName: path.basename(file),
        content,
        now: new Date(),
      });
    } catch (error) {
      const fields = (error as { fields?: Record<string, string> }).fields;
      if (fields?.fichier) throw new CommandError(`Fichier illisible : ${fields.fichier}`);
      throw error;
    }
    if (result.state !== 'done') {
      const mapping = result.mapping as Record<string, string>;
      const missing = requiredFields.filter((f) => !mapping[f]).map((f) => fieldLabels[f]);
      throw new CommandError(
        `Colonnes introuvables : ${missing.join(', ')}. Choisissez-les une fois dans l’écran d’import (/rsa/import) : elles seront retenues.`,
      );
    }
    for (const rejection of result.rejections) console.log(`line ${rejection.line}: ${rejection.reason}`);
    console.log(
      `created ${result.created}, updated ${result.updated}, unchanged ${result.unchanged}, rejected ${result.rejected}`,
    );
  },
};

export const rsaImportCommands: Record<string, Command> = { 'rsa:import': rsaImportCommand };
