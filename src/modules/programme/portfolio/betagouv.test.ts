import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildBetagouvDocument, sponsorPath } from './betagouv.ts';
import type { LoadedProject } from './project.service.ts';

/** A loaded project as the repository gives it: the 2019 UTS phone reception, stopped at investigation. */
function accueil(overrides: Partial<LoadedProject['project']> = {}): LoadedProject {
  return {
    project: {
      id: '00000000-0000-0000-0000-000000000001',
      slug: 'accueil-uts',
      title: 'Accueil UTS : plus d’appel perdu',
      mission: 'Que chaque appel à l’UTS de La Seyne-sur-Mer trouve une réponse',
      problem: '70 % des appels entrants sont perdus.\n\nLes personnes rappellent ou se déplacent.',
      solution: 'Un serveur vocal à choix multiples et la prise de rendez-vous en ligne.',
      isPublic: true,
      sponsors: ['departement-var', '/organisations/anct'],
      usertypes: ['particulier', 'collectivite-territoriale'],
      thematiques: ['social'],
      contact: 'accueil@exemple.fr',
      link: '',
      repository: 'https://example.org/tremplin',
      moduleName: null,
      indicatorKeys: [],
      startsOn: '2019-02-04',
      territory: { id: 't', slug: 'var', name: 'Département du Var' },
      cohort: {
        slug: 'saison-2019',
        name: 'Saison 2019',
        startsOn: '2019-02-04',
        endsOn: '2019-06-28',
        incubatorSlug: 'incubateur-des-territoires',
        incubatorName: 'Incubateur des territoires',
      },
      coach: { firstName: 'Coline', lastName: 'Martin' },
      ...overrides,
    },
    team: [
      {
        firstName: 'Valérie',
        lastName: 'Durand',
        organisation: 'UTS La Seyne',
        joinedOn: '2019-02-04',
        leftOn: null,
      },
      { firstName: 'Sabine', lastName: 'Roux', organisation: null, joinedOn: '2019-02-04', leftOn: null },
    ],
    phases: [
      { phase: 'abandon', startsOn: '2019-07-01', endsOn: null },
      { phase: 'investigation', startsOn: '2019-02-04', endsOn: '2019-07-01' },
    ],
    keyFigures: [
      { value: '70 %', label: 'des appels entrants perdus', source: 'Relevé de l’UTS, 2019' },
      { value: '59 %', label: 'des appelants rappellent 5 fois ou plus', source: '' },
    ],
  };
}

/** Splits the file into its front-matter (parsed back with the yaml library) and its Markdown body. */
function split(document: string): { frontMatter: Record<string, unknown>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(document);
  expect(match, 'front-matter between two --- lines').not.toBeNull();
  return { frontMatter: parse(match![1]!) as Record<string, unknown>, body: match![2]! };
}

const options = { baseUrl: 'https://tremplin.exemple.fr', moduleEnabled: false };

describe('beta.gouv.fr startup file', () => {
  it('has a YAML front-matter with every field of the catalogue, dates as YYYY-MM-DD', () => {
    const { frontMatter } = split(buildBetagouvDocument(accueil(), options));
    expect(frontMatter).toEqual({
      title: 'Accueil UTS : plus d’appel perdu',
      mission: 'Que chaque appel à l’UTS de La Seyne-sur-Mer trouve une réponse',
      incubator: 'incubateur-des-territoires',
      sponsors: ['/organisations/departement-var', '/organisations/anct'],
      phases: [
        { name: 'investigation', start: '2019-02-04', end: '2019-07-01' },
        { name: 'abandon-investigation', start: '2019-07-01' },
      ],
      contact: 'accueil@exemple.fr',
      repository: 'https://example.org/tremplin',
      usertypes: ['particulier', 'collectivite-territoriale'],
      thematiques: ['social'],
    });
  });

  it('writes dates unquoted, as the catalogue’s files do', () => {
    const document = buildBetagouvDocument(accueil(), options);
    expect(document).toContain('start: 2019-02-04\n');
    expect(document).toContain('end: 2019-07-01\n');
  });

  it('has the context, the solution, the key figures and the team (no email) in Markdown', () => {
    const { body } = split(buildBetagouvDocument(accueil(), options));
    expect(body).toContain(
      '## Contexte\n\n70 % des appels entrants sont perdus.\n\nLes personnes rappellent',
    );
    expect(body).toContain('## Solution\n\nUn serveur vocal à choix multiples');
    expect(body).toContain(
      '## Chiffres clés\n\n- **70 %** des appels entrants perdus (source : Relevé de l’UTS, 2019)\n- **59 %** des appelants rappellent 5 fois ou plus\n',
    );
    expect(body).toContain('## Équipe');
    expect(body).toContain(
      '- Valérie D., UTS La Seyne\n- Sabine R.\n- Coline M., coach (Incubateur des territoires)',
    );
    expect(body).not.toContain('Durand');
    expect(body).not.toContain('@');
    expect(body).toContain('https://tremplin.exemple.fr/programme/projets/accueil-uts');
  });

  it('points stats_url at the module’s public statistics when the deployment runs it', () => {
    const rsa = accueil({ moduleName: 'rsa' });
    const on = split(buildBetagouvDocument(rsa, { ...options, moduleEnabled: true })).frontMatter;
    expect(on.stats).toBe(true);
    expect(on.stats_url).toBe('https://tremplin.exemple.fr/statistiques/rsa/var');
    const off = split(buildBetagouvDocument(rsa, options)).frontMatter;
    expect(off).not.toHaveProperty('stats');
    expect(off).not.toHaveProperty('stats_url');
  });

  it('stays valid YAML with colons, quotes, line breaks and a later abandon', () => {
    const tricky = accueil({
      title: 'Projet : « test » #1',
      mission: 'Première ligne\nseconde ligne: avec deux-points',
      contact: '',
      repository: '',
      sponsors: [],
    });
    tricky.phases = [
      { phase: 'investigation', startsOn: '2019-02-04', endsOn: '2019-09-01' },
      { phase: 'construction', startsOn: '2019-09-01', endsOn: '2021-03-01' },
      { phase: 'abandon', startsOn: '2021-03-01', endsOn: null },
    ];
    const { frontMatter } = split(buildBetagouvDocument(tricky, options));
    expect(frontMatter.title).toBe('Projet : « test » #1');
    expect(frontMatter.mission).toBe('Première ligne\nseconde ligne: avec deux-points');
    expect(frontMatter.sponsors).toEqual([]);
    expect(frontMatter).not.toHaveProperty('contact');
    expect(frontMatter).not.toHaveProperty('repository');
    expect((frontMatter.phases as { name: string }[]).map((p) => p.name)).toEqual([
      'investigation',
      'construction',
      'abandon',
    ]);
  });

  it('names sponsors by their organisation page', () => {
    expect(sponsorPath('departement-var')).toBe('/organisations/departement-var');
    expect(sponsorPath('/organisations/anct')).toBe('/organisations/anct');
    expect(sponsorPath(' organisations/pau ')).toBe('/organisations/pau');
  });
});
