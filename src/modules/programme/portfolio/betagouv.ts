import { stringify } from 'yaml';
import { publicName } from './format.ts';
import { moduleStatsPath, portfolioPaths } from './paths.ts';
import { betagouvPhaseName, chronological } from './phases.ts';
import type { LoadedProject } from './project.service.ts';

/**
 * A project as a beta.gouv.fr startup file (content/_startups/<id>.md in their catalogue): YAML
 * front-matter, then Markdown. The front-matter is built as an object and written by the yaml library,
 * so a title with a colon or a mission over several lines stays valid YAML.
 */

export type BetagouvPhase = { name: string; start: string; end?: string };

export type BetagouvFrontMatter = {
  title: string;
  mission: string;
  incubator: string;
  sponsors: string[];
  phases: BetagouvPhase[];
  contact?: string;
  link?: string;
  repository?: string;
  usertypes: string[];
  thematiques: string[];
  stats?: boolean;
  stats_url?: string;
};

export type BetagouvOptions = {
  /** The instance's public address (config.baseUrl), for the links in the file. */
  baseUrl: string;
  /** Whether this deployment runs the project's module, so that its statistics page exists. */
  moduleEnabled: boolean;
};

/** beta.gouv.fr names sponsors by their organisation page: 'departement-var' → '/organisations/departement-var'. */
export function sponsorPath(sponsor: string): string {
  const id = sponsor.trim().replace(/^\/?organisations\//, '');
  return `/organisations/${id}`;
}

export function betagouvFrontMatter(loaded: LoadedProject, options: BetagouvOptions): BetagouvFrontMatter {
  const { project } = loaded;
  const timeline = chronological(loaded.phases);
  const frontMatter: BetagouvFrontMatter = {
    title: project.title,
    mission: project.mission,
    incubator: project.cohort.incubatorSlug,
    sponsors: project.sponsors.filter((s) => s.trim() !== '').map(sponsorPath),
    phases: timeline.map((step) => ({
      name: betagouvPhaseName(step, timeline),
      start: step.startsOn,
      ...(step.endsOn ? { end: step.endsOn } : {}),
    })),
    ...(project.contact ? { contact: project.contact } : {}),
    ...(project.link ? { link: project.link } : {}),
    ...(project.repository ? { repository: project.repository } : {}),
    usertypes: project.usertypes,
    thematiques: project.thematiques,
  };
  if (project.moduleName && options.moduleEnabled) {
    frontMatter.stats = true;
    frontMatter.stats_url = `${options.baseUrl}${moduleStatsPath(project.moduleName, project.territory.slug)}`;
  }
  return frontMatter;
}

/** The Markdown after the front-matter: context, solution, key figures, team, and where to follow it. */
export function betagouvBody(loaded: LoadedProject, options: Pick<BetagouvOptions, 'baseUrl'>): string {
  const { project } = loaded;
  const sections: string[] = [];
  if (project.problem.trim()) sections.push(`## Contexte\n\n${project.problem.trim()}`);
  if (project.solution.trim()) sections.push(`## Solution\n\n${project.solution.trim()}`);
  if (loaded.keyFigures.length > 0) {
    const lines = loaded.keyFigures.map(
      (f) => `- **${f.value}** ${f.label}${f.source ? ` (source : ${f.source})` : ''}`,
    );
    sections.push(`## Chiffres clés\n\n${lines.join('\n')}`);
  }
  const people = [
    ...loaded.team.map(
      (m) => `- ${publicName(m.firstName, m.lastName)}${m.organisation ? `, ${m.organisation}` : ''}`,
    ),
    ...(project.coach
      ? [
          `- ${publicName(project.coach.firstName, project.coach.lastName)}, coach (${project.cohort.incubatorName})`,
        ]
      : []),
  ];
  sections.push(
    [
      '## Équipe',
      `Projet de la saison « ${project.cohort.name} » du programme de pré-incubation (${project.cohort.incubatorName}), porté par des agents de ${project.territory.name}.`,
      ...(people.length > 0 ? [people.join('\n')] : []),
    ].join('\n\n'),
  );
  sections.push(`Fiche publique et indicateurs : ${options.baseUrl}${portfolioPaths.project(project.slug)}`);
  return sections.join('\n\n');
}

/** The whole file: `---`, the YAML front-matter, `---`, then the Markdown body. */
export function buildBetagouvDocument(loaded: LoadedProject, options: BetagouvOptions): string {
  const yaml = stringify(betagouvFrontMatter(loaded, options), { lineWidth: 0 });
  return `---\n${yaml}---\n\n${betagouvBody(loaded, options)}\n`;
}
