import { addWorkingHours } from '../../flow/hours.ts';
import { SYSTEM_PROMPTS } from '../../flow/system-prompts.ts';
import type { FlowAction, FlowDefinition, Outcome, PromptRef } from '../../flow/types.ts';
import { DIGIT_WORDS } from '../../prompts/audio.ts';
import { formatMoment } from '../hours-format.ts';
import { formatPhone } from '../phone.ts';

/**
 * The engine's actions in words, for the simulator: what the caller hears (the line's prompt texts,
 * else the system's defaults, digits spelled one by one) and what the real call would do (a ticket, an
 * SMS, a transfer, its outcome) — said, never done.
 */

export type SimulationContext = {
  flow: FlowDefinition;
  /** The line's prompt texts by key (accueil_prompts). */
  texts: Record<string, string>;
  /** Working hours within which a callback is due (the line's setting). */
  callbackDueHours: number;
};

export type Line = { who: 'serveur' | 'effet' | 'attente'; text: string };

export const OUTCOME_LABELS: Record<Outcome, string> = {
  transfere_repondu: 'transféré, l’agent a répondu',
  rappel_demande: 'rappel demandé',
  message_vocal: 'message vocal laissé',
  sms_envoye: 'SMS envoyé',
  raccroche_ticket: 'raccroché, un rappel est prévu',
  hors_service: 'hors service (personne ne pourra rappeler)',
};

/** « 0612 » → « zéro six un deux », as the voice server reads a number. */
export function spellDigits(digits: string): string {
  return [...digits].map((d) => DIGIT_WORDS[d] ?? d).join(' ');
}

export function promptText(texts: Record<string, string>, key: string): string {
  return texts[key] ?? (SYSTEM_PROMPTS as Record<string, string>)[key] ?? `[message « ${key} » sans texte]`;
}

/** The prompts as one text; a spelled number ends its sentence (« …, tapez un. Pour laisser… »). */
export function spokenText(texts: Record<string, string>, prompts: PromptRef[]): string {
  const parts = prompts.map((ref) =>
    'prompt' in ref ? promptText(texts, ref.prompt) : `${spellDigits(ref.digits)}.`,
  );
  return parts.join(' ').replace(/\.\s*\./g, '.');
}

export function describeActions(context: SimulationContext, actions: FlowAction[], at: Date): Line[] {
  const { flow, texts } = context;
  const serviceName = (key: string | null) => flow.services.find((s) => s.key === key)?.name;
  const lines: Line[] = [];
  for (const action of actions) {
    switch (action.type) {
      case 'play':
        lines.push({ who: 'serveur', text: spokenText(texts, action.prompts) });
        break;
      case 'gather':
        lines.push({ who: 'serveur', text: spokenText(texts, action.prompts) });
        lines.push({
          who: 'attente',
          text:
            action.maxDigits === 1
              ? `Le serveur attend une touche (${action.timeoutSeconds} s).`
              : `Le serveur attend un numéro de ${action.maxDigits} chiffres (${action.timeoutSeconds} s).`,
        });
        break;
      case 'transfer':
        lines.push({
          who: 'effet',
          text: `L’appel serait transféré au service ${serviceName(action.serviceKey) ?? action.serviceKey} (${formatPhone(action.to)}) : le poste sonne jusqu’à ${action.ringSeconds} s.`,
        });
        break;
      case 'record':
        lines.push({
          who: 'effet',
          text: `Le message serait enregistré après le bip (${action.maxSeconds} s au plus).`,
        });
        break;
      case 'hangup':
        lines.push({ who: 'effet', text: 'Le serveur raccroche.' });
        break;
      case 'createTicket': {
        const due = addWorkingHours(flow, action.serviceKey, at, context.callbackDueHours);
        const service = serviceName(action.serviceKey);
        const lead =
          action.reason === 'raccroche'
            ? 'L’appelant n’a pas été aidé : un ticket de rappel serait créé'
            : 'Un ticket de rappel serait créé';
        lines.push({
          who: 'effet',
          text: `${lead} pour le ${formatPhone(action.number)}${service ? ` (${service})` : ''}, à rappeler avant le ${formatMoment(due)}.`,
        });
        break;
      }
      case 'sendSms': {
        const service = flow.services.find((s) => s.key === action.serviceKey);
        lines.push({
          who: 'effet',
          text: `Un SMS serait envoyé au ${formatPhone(action.number)} : « ${service?.smsText ?? ''} »${service?.booking ? ', suivi d’un lien pour prendre rendez-vous en ligne' : ''}.`,
        });
        break;
      }
      case 'outcome':
        lines.push({ who: 'effet', text: `Issue de l’appel : ${OUTCOME_LABELS[action.outcome]}.` });
        break;
      case 'step':
        if (action.kind === 'ferme') {
          lines.push({
            who: 'effet',
            text: `Le service ${serviceName(action.detail ?? null) ?? action.detail} est fermé à ce moment (horaires, jour férié ou fermeture exceptionnelle).`,
          });
        } else if (action.kind === 'repetitions-epuisees') {
          lines.push({
            who: 'effet',
            text: 'Le nombre de répétitions est atteint : le serveur termine l’appel.',
          });
        }
        break;
    }
  }
  return lines;
}
