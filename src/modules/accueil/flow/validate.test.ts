import { describe, expect, it } from 'vitest';
import { flowDefinitionSchema } from './schema.ts';
import { withSubMenu } from './testing.ts';
import type { FlowDefinition } from './types.ts';
import { utsLaSeyneFlow } from './uts-la-seyne.ts';
import { validateFlow } from './validate.ts';

function changed(change: (flow: FlowDefinition) => void, base: () => FlowDefinition = utsLaSeyneFlow) {
  const flow = base();
  change(flow);
  return flow;
}

const aspi = (flow: FlowDefinition) => flow.services[0]!;
const principal = (flow: FlowDefinition) => flow.menus[0]!;

describe('validateFlow', () => {
  it('finds nothing wrong with the UTS La Seyne flow, nor with its sub-menu variant', () => {
    expect(validateFlow(utsLaSeyneFlow())).toEqual([]);
    expect(validateFlow(withSubMenu())).toEqual([]);
  });

  it.each<[string, (flow: FlowDefinition) => void, { path: string; message: RegExp }]>([
    [
      'welcome prompt missing',
      (f) => {
        f.welcomePrompt = ' ';
      },
      { path: 'welcomePrompt', message: /message d’accueil/ },
    ],
    [
      'root menu missing',
      (f) => {
        f.rootMenu = 'accueil';
      },
      { path: 'rootMenu', message: /« accueil » n’existe pas/ },
    ],
    [
      'an option towards a menu that does not exist',
      (f) => {
        principal(f).options['4'] = { menu: 'logement' };
      },
      { path: 'menus.principal.options.4', message: /menu « logement », qui n’existe pas/ },
    ],
    [
      'an option towards a service that does not exist',
      (f) => {
        principal(f).options['5'] = { service: 'rsa' };
      },
      { path: 'menus.principal.options.5', message: /service « rsa », qui n’existe pas/ },
    ],
    [
      'an option leading nowhere',
      (f) => {
        principal(f).options['6'] = {} as never;
      },
      { path: 'menus.principal.options.6', message: /doit mener à un menu ou à un service/ },
    ],
    [
      'an option on a key that is not 1–9',
      (f) => {
        (principal(f).options as Record<string, unknown>)['0'] = { service: 'aspi' };
      },
      { path: 'menus.principal.options.0', message: /de 1 à 9/ },
    ],
    [
      'a menu nobody can reach',
      (f) => {
        f.menus.push({ key: 'orphelin', prompt: 'menu-orphelin', options: { '1': { service: 'aspi' } } });
      },
      { path: 'menus.orphelin', message: /accessible depuis aucune touche/ },
    ],
    [
      'a menu without options',
      (f) => {
        principal(f).options['4'] = { menu: 'vide' };
        f.menus.push({ key: 'vide', prompt: 'menu-vide', options: {} });
      },
      { path: 'menus.vide.options', message: /aucune option/ },
    ],
    [
      'two menus with the same key',
      (f) => {
        f.menus.push({ ...principal(f) });
      },
      { path: 'menus.principal', message: /Plusieurs menus ont la clé « principal »/ },
    ],
    [
      'two services with the same key',
      (f) => {
        f.services.push({ ...aspi(f) });
      },
      { path: 'services.aspi', message: /Plusieurs services/ },
    ],
    [
      'operator service missing',
      (f) => {
        f.operatorService = 'standard';
      },
      { path: 'operatorService', message: /touche 0.*« standard »/ },
    ],
    [
      'transfer number in national form',
      (f) => {
        aspi(f).transferTo = '04 94 00 00 00';
      },
      { path: 'services.aspi.transferTo', message: /format international/ },
    ],
    [
      'transfer number missing',
      (f) => {
        aspi(f).transferTo = '';
      },
      { path: 'services.aspi.transferTo', message: /à renseigner/ },
    ],
    [
      'ring too short',
      (f) => {
        aspi(f).ringSeconds = 3;
      },
      { path: 'services.aspi.ringSeconds', message: /entre 5 et 120/ },
    ],
    [
      'ring too long',
      (f) => {
        aspi(f).ringSeconds = 121;
      },
      { path: 'services.aspi.ringSeconds', message: /entre 5 et 120/ },
    ],
    [
      'no opening hours at all',
      (f) => {
        aspi(f).hours = { 1: [] };
      },
      { path: 'services.aspi.hours', message: /Aucune heure d’ouverture/ },
    ],
    [
      'a time not written HH:MM',
      (f) => {
        aspi(f).hours = { 1: [{ from: '8h30', to: '12:00' }] };
      },
      { path: 'services.aspi.hours.1.0', message: /HH:MM/ },
    ],
    [
      'a range ending before it starts',
      (f) => {
        aspi(f).hours = { 2: [{ from: '12:00', to: '08:30' }] };
      },
      { path: 'services.aspi.hours.2.0', message: /mardi finit avant de commencer/ },
    ],
    [
      'an empty range',
      (f) => {
        aspi(f).hours = { 3: [{ from: '09:00', to: '09:00' }] };
      },
      { path: 'services.aspi.hours.3.0', message: /finit avant de commencer/ },
    ],
    [
      'overlapping ranges',
      (f) => {
        aspi(f).hours = {
          4: [
            { from: '13:00', to: '17:00' },
            { from: '08:30', to: '13:30' },
          ],
        };
      },
      { path: 'services.aspi.hours.4', message: /08:30–13:30 et 13:00–17:00 du jeudi se chevauchent/ },
    ],
    [
      'an unknown weekday',
      (f) => {
        (aspi(f).hours as Record<string, unknown>)['8'] = [{ from: '08:00', to: '12:00' }];
      },
      { path: 'services.aspi.hours.8', message: /Jour inconnu/ },
    ],
    [
      'a closure ending before it starts',
      (f) => {
        aspi(f).closures = [{ from: '2027-08-06', to: '2027-08-02', reason: 'Formation' }];
      },
      { path: 'services.aspi.closures.0', message: /finit \(2027-08-02\) avant de commencer/ },
    ],
    [
      'a closure with a badly written date',
      (f) => {
        aspi(f).closures = [{ from: '02/08/2027', to: '2027-08-06', reason: '' }];
      },
      { path: 'services.aspi.closures.0', message: /AAAA-MM-JJ/ },
    ],
    [
      'an overflow choice offered twice',
      (f) => {
        aspi(f).overflow = ['rappel', 'messagerie', 'rappel'];
      },
      { path: 'services.aspi.overflow', message: /« rappel » est proposé deux fois/ },
    ],
    [
      'an unknown overflow choice',
      (f) => {
        aspi(f).overflow = ['fax' as never];
      },
      { path: 'services.aspi.overflow', message: /Choix inconnu « fax »/ },
    ],
    [
      'SMS offered without its text',
      (f) => {
        aspi(f).smsText = '';
      },
      { path: 'services.aspi.smsText', message: /SMS/ },
    ],
    [
      'closed prompt missing',
      (f) => {
        aspi(f).closedPrompt = '';
      },
      { path: 'services.aspi.closedPrompt', message: /fermé/ },
    ],
    [
      'no input wait too short',
      (f) => {
        f.noInputSeconds = 1;
      },
      { path: 'noInputSeconds', message: /entre 2 et 30/ },
    ],
    [
      'no input wait too long',
      (f) => {
        f.noInputSeconds = 31;
      },
      { path: 'noInputSeconds', message: /entre 2 et 30/ },
    ],
    [
      'repeats zero',
      (f) => {
        f.maxRepeats = 0;
      },
      { path: 'maxRepeats', message: /entre 1 et 5/ },
    ],
    [
      'repeats not an integer',
      (f) => {
        f.maxRepeats = 2.5;
      },
      { path: 'maxRepeats', message: /entier entre 1 et 5/ },
    ],
    [
      'voicemail too short',
      (f) => {
        f.voicemailMaxSeconds = 5;
      },
      { path: 'voicemailMaxSeconds', message: /entre 10 et 300/ },
    ],
    [
      'voicemail too long',
      (f) => {
        f.voicemailMaxSeconds = 600;
      },
      { path: 'voicemailMaxSeconds', message: /entre 10 et 300/ },
    ],
    [
      'no département',
      (f) => {
        f.departement = '';
      },
      { path: 'departement', message: /département/ },
    ],
  ])('%s', (_, change, expected) => {
    const problems = validateFlow(changed(change));
    expect(problems).toContainEqual({
      path: expected.path,
      message: expect.stringMatching(expected.message),
    });
  });

  it.each([
    ['sip:aspi@10.0.0.5', true],
    ['sips:accueil@pbx.example.fr:5061', true],
    ['sip:aspi@127.0.0.1:5091;transport=udp', true],
    ['+33494000000', true],
    ['+3349', false],
    ['0494000000', false],
    ['sip:', false],
    ['tel:+33494000000', false],
  ])('transfer target %s valid: %s', (transferTo, valid) => {
    const problems = validateFlow(
      changed((f) => {
        aspi(f).transferTo = transferTo;
      }),
    );
    expect(problems.some((p) => p.path === 'services.aspi.transferTo')).toBe(!valid);
  });

  it('accepts a range ending at midnight and ranges that touch', () => {
    const flow = changed((f) => {
      aspi(f).hours = {
        6: [
          { from: '08:00', to: '12:00' },
          { from: '12:00', to: '24:00' },
        ],
      };
    });
    expect(validateFlow(flow)).toEqual([]);
  });

  describe('dead ends and cycles', () => {
    it('allows a sub-menu going back to its parent', () => {
      const flow = changed((f) => {
        principal(f).options['4'] = { menu: 'autres' };
        f.menus.push({ key: 'autres', prompt: 'menu-autres', options: { '9': { menu: 'principal' } } });
      });
      expect(validateFlow(flow)).toEqual([]);
    });

    it('reports menus that only lead to each other', () => {
      const flow = changed((f) => {
        principal(f).options['4'] = { menu: 'a' };
        f.menus.push(
          { key: 'a', prompt: 'menu-a', options: { '1': { menu: 'b' } } },
          { key: 'b', prompt: 'menu-b', options: { '1': { menu: 'a' }, '2': { menu: 'inconnu' } } },
        );
      });
      const problems = validateFlow(flow);
      expect(problems.filter((p) => /Impasse/.test(p.message)).map((p) => p.path)).toEqual([
        'menus.a',
        'menus.b',
      ]);
      expect(problems).toContainEqual({
        path: 'menus.b.options.2',
        message: 'La touche 2 mène au menu « inconnu », qui n’existe pas.',
      });
    });

    it('does not count the operator key as a way out of a menu', () => {
      const flow = changed((f) => {
        principal(f).options = { '1': { menu: 'a' } };
        f.menus.push({ key: 'a', prompt: 'menu-a', options: { '9': { menu: 'principal' } } });
      });
      expect(validateFlow(flow).map((p) => p.path)).toEqual(['menus.principal', 'menus.a']);
    });
  });

  it('reports empty lists without throwing', () => {
    const flow = changed((f) => {
      f.menus = [];
      f.services = [];
      delete f.operatorService;
    });
    expect(validateFlow(flow)).toEqual([
      { path: 'menus', message: 'Le parcours n’a aucun menu.' },
      { path: 'services', message: 'Le parcours n’a aucun service vers lequel orienter les appels.' },
    ]);
  });
});

describe('flowDefinitionSchema', () => {
  it('parses the UTS La Seyne flow, also once stored as JSON', () => {
    expect(flowDefinitionSchema.parse(utsLaSeyneFlow())).toEqual(utsLaSeyneFlow());
    const stored = JSON.parse(JSON.stringify(withSubMenu()));
    expect(flowDefinitionSchema.parse(stored)).toEqual(stored);
  });

  it('drops unknown keys', () => {
    const parsed = flowDefinitionSchema.parse({ ...utsLaSeyneFlow(), extra: 1 });
    expect(parsed).not.toHaveProperty('extra');
  });

  it.each<[string, string, unknown, string, RegExp]>([
    ['a missing field', 'rootMenu', undefined, 'rootMenu', /texte attendu/],
    ['a number as text', 'maxRepeats', '2', 'maxRepeats', /nombre attendu/],
    [
      'an option on key 0',
      'menus.0.options',
      { 0: { service: 'aspi' } },
      'menus.0.options',
      /touche 1 à la touche 9/,
    ],
    [
      'a target both menu and service',
      'menus.0.options.1',
      { menu: 'a', service: 'b' },
      'menus.0.options.1',
      /un menu .* ou à un service/,
    ],
    [
      'a badly written time',
      'services.0.hours',
      { 1: [{ from: '8h', to: '12:00' }] },
      'services.0.hours.1.0.from',
      /HH:MM/,
    ],
    ['a weekday 8', 'services.0.hours', { 8: [] }, 'services.0.hours', /1 \(lundi\) à 7 \(dimanche\)/],
    [
      'a date that does not exist',
      'services.0.closures',
      [{ from: '2027-02-30', to: '2027-03-01', reason: '' }],
      'services.0.closures.0.from',
      /n’existe pas/,
    ],
    [
      'an unknown overflow choice',
      'services.0.overflow',
      ['fax'],
      'services.0.overflow.0',
      /rappel, messagerie ou sms/,
    ],
    [
      'a booking commune that is not an INSEE code',
      'services.0.booking',
      { commune: 'La Seyne' },
      'services.0.booking.commune',
      /INSEE/,
    ],
    ['a key with capitals', 'rootMenu', 'Principal', 'rootMenu', /minuscules/],
    ['a département', 'departement', 'Var', 'departement', /département/],
  ])('refuses %s, in French, at its path', (_, field, value, path, message) => {
    const flow = JSON.parse(JSON.stringify(utsLaSeyneFlow()));
    const keys = field.split('.');
    const parent = keys.slice(0, -1).reduce((object, key) => object[key], flow);
    if (value === undefined) delete parent[keys.at(-1)!];
    else parent[keys.at(-1)!] = value;
    const result = flowDefinitionSchema.safeParse(flow);
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => ({
      path: i.path.map(String).join('.'),
      message: i.message,
    }));
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });
});
