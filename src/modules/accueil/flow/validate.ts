import { minutesOf } from './hours.ts';
import type { FlowDefinition, MenuDefinition, OverflowChoice, ServiceDefinition, Target } from './types.ts';

/**
 * What is wrong with a flow, in French, each problem with the path of the part to fix, by key rather
 * than by index ('menus.principal.options.4', 'services.aspi.hours.1.0'): the admin places each
 * message beside its field, and an index would shift when a menu is removed. An empty list means the
 * flow can go live: every option leads somewhere, every menu is reachable and leads to a service, and
 * every service has a way to be reached and opening hours.
 *
 * The shape (types, formats) is schema.ts's; this assumes a well-formed flow but does not throw on a
 * malformed one.
 */
export type FlowProblem = { path: string; message: string };

const OVERFLOW_CHOICES: readonly OverflowChoice[] = ['rappel', 'messagerie', 'sms'];
const OPTION_DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'];
const DAY_NAMES: Record<string, string> = {
  '1': 'lundi',
  '2': 'mardi',
  '3': 'mercredi',
  '4': 'jeudi',
  '5': 'vendredi',
  '6': 'samedi',
  '7': 'dimanche',
};

/** An international number (+33494000000) or a SIP address (sip:aspi@10.0.0.5, sips:accueil@pbx.example.fr:5061). */
const E164 = /^\+[1-9]\d{7,14}$/;
const SIP_URI = /^sips?:(?:[^@\s]+@)?[A-Za-z0-9.\-[\]:]+(?:;\S*)?$/;
const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function validateFlow(flow: FlowDefinition): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const menus = flow.menus ?? [];
  const services = flow.services ?? [];
  const menuKeys = new Set(menus.map((m) => m.key));
  const serviceKeys = new Set(services.map((s) => s.key));

  if (!flow.welcomePrompt?.trim()) add('welcomePrompt', 'Le message d’accueil est à choisir.');
  if (menus.length === 0) add('menus', 'Le parcours n’a aucun menu.');
  else if (!menuKeys.has(flow.rootMenu))
    add('rootMenu', `Le menu principal « ${flow.rootMenu} » n’existe pas.`);
  if (services.length === 0)
    add('services', 'Le parcours n’a aucun service vers lequel orienter les appels.');
  if (flow.operatorService !== undefined && !serviceKeys.has(flow.operatorService)) {
    add('operatorService', `Le service de la touche 0, « ${flow.operatorService} », n’existe pas.`);
  }
  integerBetween(flow.noInputSeconds, 2, 30, () =>
    add(
      'noInputSeconds',
      'Le délai d’attente d’une touche doit être un nombre entier de secondes entre 2 et 30.',
    ),
  );
  integerBetween(flow.maxRepeats, 1, 5, () =>
    add('maxRepeats', 'Le nombre de répétitions d’un menu doit être un nombre entier entre 1 et 5.'),
  );
  integerBetween(flow.voicemailMaxSeconds, 10, 300, () =>
    add(
      'voicemailMaxSeconds',
      'La durée maximale d’un message vocal doit être un nombre entier de secondes entre 10 et 300.',
    ),
  );
  if (!/^(?:\d{2}|2[AB]|97\d)$/.test(flow.departement ?? '')) {
    add('departement', 'Le département doit être un numéro de département (par exemple 83).');
  }

  for (const key of duplicates(menus.map((m) => m.key)))
    add(`menus.${key}`, `Plusieurs menus ont la clé « ${key} ».`);
  for (const key of duplicates(services.map((s) => s.key))) {
    add(`services.${key}`, `Plusieurs services ont la clé « ${key} ».`);
  }

  for (const menu of menus) checkMenu(menu, menuKeys, serviceKeys, add);
  checkReachability(flow, menus, menuKeys, serviceKeys, add);
  for (const service of services) checkService(service, add);
  return problems;
}

function checkMenu(
  menu: MenuDefinition,
  menuKeys: Set<string>,
  serviceKeys: Set<string>,
  add: (path: string, message: string) => void,
): void {
  const path = `menus.${menu.key}`;
  if (!menu.prompt?.trim()) add(`${path}.prompt`, 'Le message du menu est à choisir.');
  const options = Object.entries(menu.options ?? {});
  if (options.length === 0) add(`${path}.options`, 'Ce menu ne propose aucune option.');
  for (const [digit, target] of options) {
    const at = `${path}.options.${digit}`;
    if (!OPTION_DIGITS.includes(digit)) {
      add(at, `La touche « ${digit} » ne peut pas porter d’option : les options vont de 1 à 9.`);
      continue;
    }
    const kind = targetOf(target);
    if (!kind) add(at, `La touche ${digit} doit mener à un menu ou à un service.`);
    else if (kind.menu !== undefined && !menuKeys.has(kind.menu)) {
      add(at, `La touche ${digit} mène au menu « ${kind.menu} », qui n’existe pas.`);
    } else if (kind.service !== undefined && !serviceKeys.has(kind.service)) {
      add(at, `La touche ${digit} mène au service « ${kind.service} », qui n’existe pas.`);
    }
  }
}

/**
 * Every menu is reachable from the main menu, and leads, through its options and sub-menus, to at least
 * one service. Cycles are allowed (a sub-menu may offer to go back to its parent); a menu whose options
 * only lead to menus that lead nowhere is a dead end. The 0 key (operator) is not counted as a way out:
 * a menu is there to offer its own choices.
 */
function checkReachability(
  flow: FlowDefinition,
  menus: MenuDefinition[],
  menuKeys: Set<string>,
  serviceKeys: Set<string>,
  add: (path: string, message: string) => void,
): void {
  const next = new Map<string, { menus: string[]; services: string[] }>();
  for (const menu of menus) {
    const targets = Object.values(menu.options ?? {}).map(targetOf);
    next.set(menu.key, {
      menus: targets.flatMap((t) => (t?.menu !== undefined && menuKeys.has(t.menu) ? [t.menu] : [])),
      services: targets.flatMap((t) =>
        t?.service !== undefined && serviceKeys.has(t.service) ? [t.service] : [],
      ),
    });
  }

  if (menuKeys.has(flow.rootMenu)) {
    const reached = closure([flow.rootMenu], (key) => next.get(key)?.menus ?? []);
    for (const menu of menus) {
      if (!reached.has(menu.key)) {
        add(
          `menus.${menu.key}`,
          `Le menu « ${menu.key} » n’est accessible depuis aucune touche du menu principal.`,
        );
      }
    }
  }

  for (const menu of menus) {
    if (Object.keys(menu.options ?? {}).length === 0) continue; // already reported: no option at all
    const reached = closure([menu.key], (key) => next.get(key)?.menus ?? []);
    const leadsToService = [...reached].some((key) => (next.get(key)?.services.length ?? 0) > 0);
    if (!leadsToService) {
      add(
        `menus.${menu.key}`,
        `Impasse : aucune option du menu « ${menu.key} », même par ses sous-menus, ne mène à un service.`,
      );
    }
  }
}

function checkService(service: ServiceDefinition, add: (path: string, message: string) => void): void {
  const path = `services.${service.key}`;
  if (!service.name?.trim()) add(`${path}.name`, 'Le nom du service est à renseigner.');
  const to = service.transferTo?.trim() ?? '';
  if (!to) add(`${path}.transferTo`, 'Le numéro vers lequel transférer les appels est à renseigner.');
  else if (!E164.test(to) && !SIP_URI.test(to)) {
    add(
      `${path}.transferTo`,
      `« ${to} » n’est ni un numéro au format international (+33494000000) ni une adresse SIP (sip:accueil@10.0.0.5).`,
    );
  }
  integerBetween(service.ringSeconds, 5, 120, () =>
    add(`${path}.ringSeconds`, 'La durée de sonnerie doit être un nombre entier de secondes entre 5 et 120.'),
  );
  checkHours(service, path, add);
  (service.closures ?? []).forEach((closure, i) => {
    const at = `${path}.closures.${i}`;
    if (!DAY.test(closure.from) || !DAY.test(closure.to)) {
      add(at, 'Les dates d’une fermeture s’écrivent AAAA-MM-JJ.');
    } else if (closure.from > closure.to) {
      add(at, `La fermeture finit (${closure.to}) avant de commencer (${closure.from}).`);
    }
  });
  const overflow = service.overflow ?? [];
  for (const choice of overflow) {
    if (!(OVERFLOW_CHOICES as readonly string[]).includes(choice)) {
      add(`${path}.overflow`, `Choix inconnu « ${choice} » : rappel, messagerie ou sms.`);
    }
  }
  for (const choice of duplicates(overflow))
    add(`${path}.overflow`, `Le choix « ${choice} » est proposé deux fois.`);
  if (!service.closedPrompt?.trim())
    add(`${path}.closedPrompt`, 'Le message dit quand le service est fermé est à choisir.');
  if (overflow.includes('sms') && !service.smsText?.trim()) {
    add(`${path}.smsText`, 'Le texte du SMS est à renseigner, puisque le SMS est proposé.');
  }
}

/** Ranges well formed (HH:MM, start before end), no overlap within a day, at least one opening in the week. */
function checkHours(
  service: ServiceDefinition,
  path: string,
  add: (path: string, message: string) => void,
): void {
  let openings = 0;
  for (const [weekday, ranges] of Object.entries(service.hours ?? {})) {
    const at = `${path}.hours.${weekday}`;
    if (!WEEKDAYS.includes(weekday)) {
      add(at, `Jour inconnu « ${weekday} » : les jours vont de 1 (lundi) à 7 (dimanche).`);
      continue;
    }
    const valid: { from: number; to: number; label: string }[] = [];
    (ranges ?? []).forEach((range, i) => {
      const label = `${range.from}–${range.to}`;
      if (!TIME.test(range.from) || !TIME.test(range.to)) {
        add(`${at}.${i}`, `Plage « ${label} » du ${DAY_NAMES[weekday]} : heures au format HH:MM attendues.`);
      } else if (minutesOf(range.from) >= minutesOf(range.to)) {
        add(`${at}.${i}`, `La plage ${label} du ${DAY_NAMES[weekday]} finit avant de commencer.`);
      } else {
        valid.push({ from: minutesOf(range.from), to: minutesOf(range.to), label });
      }
    });
    valid.sort((a, b) => a.from - b.from);
    for (let i = 1; i < valid.length; i++) {
      if (valid[i]!.from < valid[i - 1]!.to) {
        add(
          at,
          `Les plages ${valid[i - 1]!.label} et ${valid[i]!.label} du ${DAY_NAMES[weekday]} se chevauchent.`,
        );
      }
    }
    openings += valid.length;
  }
  if (openings === 0) {
    add(
      `${path}.hours`,
      'Aucune heure d’ouverture : le service serait toujours fermé, les appels jamais transférés.',
    );
  }
}

function targetOf(target: Target | undefined): { menu?: string; service?: string } | undefined {
  if (!target || typeof target !== 'object') return undefined;
  const menu = 'menu' in target ? target.menu : undefined;
  const service = 'service' in target ? target.service : undefined;
  if ((menu === undefined) === (service === undefined)) return undefined;
  return menu !== undefined ? { menu } : { service };
}

function closure(start: string[], next: (key: string) => string[]): Set<string> {
  const seen = new Set(start);
  const queue = [...start];
  while (queue.length > 0) {
    for (const key of next(queue.shift()!)) {
      if (!seen.has(key)) {
        seen.add(key);
        queue.push(key);
      }
    }
  }
  return seen;
}

function duplicates<T>(values: T[]): T[] {
  const seen = new Set<T>();
  const twice = new Set<T>();
  for (const value of values) (seen.has(value) ? twice : seen).add(value);
  return [...twice];
}

function integerBetween(value: number, min: number, max: number, fail: () => void): void {
  if (!Number.isInteger(value) || value < min || value > max) fail();
}
