import type { FlowDefinition, MenuDefinition, OptionDigit, Target } from '../flow/types.ts';
import type { EditApplied, FlowEdit } from './flow-edit.ts';
import type { LocatedProblem } from './flow-problems.ts';
import { FieldReader, type FormValues } from './form-reading.ts';

/** Editing a menu (its prompt, what each key 1–9 leads to), adding a sub-menu, removing one. */

export const OPTION_DIGITS: OptionDigit[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** A select's value for a target: 'menu:principal', 'service:aspi', '' for nothing. */
export function targetValue(target: Target | undefined): string {
  if (!target) return '';
  return 'menu' in target ? `menu:${target.menu}` : `service:${target.service}`;
}

export function menuValues(menu: MenuDefinition): FormValues {
  const values: FormValues = { prompt: menu.prompt };
  for (const digit of OPTION_DIGITS) values[`option-${digit}`] = targetValue(menu.options[digit]);
  return values;
}

/** Where the keys of a menu lead, read from the form; a key may not lead to its own menu. */
function readOptions(read: FieldReader, flow: FlowDefinition, ownKey: string): MenuDefinition['options'] {
  const options: MenuDefinition['options'] = {};
  for (const digit of OPTION_DIGITS) {
    const field = `option-${digit}`;
    const raw = read.text(field);
    if (!raw) continue;
    const [kind, key = ''] = raw.split(/:(.*)/s);
    if (kind === 'menu') {
      if (key === ownKey) read.fail(field, 'Une touche ne peut pas mener au menu où elle est proposée.');
      else if (!flow.menus.some((m) => m.key === key)) read.fail(field, 'Ce sous-menu n’existe pas.');
      else options[digit] = { menu: key };
    } else if (kind === 'service') {
      if (!flow.services.some((s) => s.key === key)) read.fail(field, 'Ce service n’existe pas.');
      else options[digit] = { service: key };
    } else {
      read.fail(field, 'Choisissez un sous-menu, un service ou rien.');
    }
  }
  return options;
}

/** Problems of a menu shown on its form: its keys, its prompt; a menu without any key on key 1. */
function menuField(problem: LocatedProblem): string | undefined {
  const [what, digit] = problem.rest;
  if (what === 'prompt') return 'prompt';
  if (what === 'options' && digit && /^[1-9]$/.test(digit)) return `option-${digit}`;
  if (what === undefined || what === 'options') return 'option-1';
  return undefined;
}

export function editMenu(menuKey: string): FlowEdit {
  return {
    label: `menu ${menuKey}`,
    apply(flow, values): EditApplied {
      const index = flow.menus.findIndex((m) => m.key === menuKey);
      if (index < 0) return { ok: false, errors: { _: 'Ce menu n’existe plus.' } };
      const read = new FieldReader(values);
      const prompt = read.key('prompt', 'la clé du message du menu');
      const options = readOptions(read, flow, menuKey);
      if (!read.ok || !prompt) return { ok: false, errors: read.errors };
      const menus = flow.menus.map((m, i) => (i === index ? { key: menuKey, prompt, options } : m));
      return { ok: true, flow: { ...flow, menus } };
    },
    fieldOf: (problem) => (problem.menu === menuKey ? menuField(problem) : undefined),
  };
}

/** A sub-menu is added with the key of an existing menu that leads to it, so it is never unreachable. */
export function addMenu(): FlowEdit {
  let added = '';
  let parent = '';
  return {
    label: 'nouveau sous-menu',
    apply(flow, values): EditApplied {
      const read = new FieldReader(values);
      const key = read.newKey('key', 'la clé du sous-menu');
      if (key && flow.menus.some((m) => m.key === key)) read.fail('key', 'Un menu porte déjà cette clé.');
      const prompt = read.key('prompt', 'la clé du message du sous-menu');
      const parentKey = read.text('parent-menu');
      const parentMenu = flow.menus.find((m) => m.key === parentKey);
      if (!parentMenu) read.fail('parent-menu', 'Choisissez le menu qui mène à ce sous-menu.');
      const digit = read.text('parent-touche') as OptionDigit;
      if (!OPTION_DIGITS.includes(digit)) read.fail('parent-touche', 'Choisissez une touche de 1 à 9.');
      else if (parentMenu?.options[digit]) {
        read.fail(
          'parent-touche',
          `La touche ${digit} du menu « ${parentMenu.key} » mène déjà ailleurs : choisissez une touche libre.`,
        );
      }
      const options = readOptions(read, flow, key ?? '');
      if (!read.ok || !key || !prompt || !parentMenu) return { ok: false, errors: read.errors };
      added = key;
      parent = parentMenu.key;
      const menus = flow.menus.map((m) =>
        m.key === parentMenu.key ? { ...m, options: { ...m.options, [digit]: { menu: key } } } : m,
      );
      return { ok: true, flow: { ...flow, menus: [...menus, { key, prompt, options }] } };
    },
    fieldOf(problem) {
      if (problem.menu === added) return menuField(problem);
      if (problem.menu === parent) return 'parent-touche';
      return undefined;
    },
  };
}

/** The menu keys that lead to a menu or a service, in words (« la touche 2 du menu « familles » »). */
export function keysLeadingTo(flow: FlowDefinition, target: Target): string[] {
  const wanted = targetValue(target);
  const found: string[] = [];
  for (const menu of flow.menus) {
    for (const digit of OPTION_DIGITS) {
      if (targetValue(menu.options[digit]) === wanted)
        found.push(`la touche ${digit} du menu « ${menu.key} »`);
    }
  }
  return found;
}

/** The menus without the keys that lead to `target`: removing a menu or a service frees them. */
export function withoutKeysTo(flow: FlowDefinition, target: Target): MenuDefinition[] {
  const wanted = targetValue(target);
  return flow.menus.map((menu) => ({
    ...menu,
    options: Object.fromEntries(
      Object.entries(menu.options).filter(([, t]) => targetValue(t) !== wanted),
    ) as MenuDefinition['options'],
  }));
}

/**
 * Removes a sub-menu and frees the keys that led to it (the confirmation page names them). The save is
 * refused if that leaves a menu without any option or a dead end.
 */
export function removeMenu(menuKey: string): FlowEdit {
  return {
    label: `suppression du sous-menu ${menuKey}`,
    apply(flow): EditApplied {
      if (!flow.menus.some((m) => m.key === menuKey))
        return { ok: false, errors: { _: 'Ce menu n’existe plus.' } };
      if (flow.rootMenu === menuKey) {
        return { ok: false, errors: { _: 'Le menu d’accueil ne peut pas être supprimé.' } };
      }
      const menus = withoutKeysTo(flow, { menu: menuKey }).filter((m) => m.key !== menuKey);
      return { ok: true, flow: { ...flow, menus } };
    },
    fieldOf: () => undefined,
  };
}
