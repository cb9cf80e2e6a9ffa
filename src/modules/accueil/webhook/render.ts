import { XMLBuilder } from 'fast-xml-parser';
import type { MediaAction } from '../calls/call-state.ts';
import type { PromptRef } from '../flow/types.ts';
import type { ActionKind } from './events.ts';

/**
 * The engine's media actions as TwiML, the XML that Twilio, SignalWire (cXML) and Telnyx (TeXML)
 * all execute. Pure: prompts are resolved by the caller (a recording's public address, or the text
 * the provider synthesises).
 *
 * A document stops at the first verb that waits (Gather, Dial, Record) or ends (Hangup): what comes
 * after a Dial or Record with an action is never executed by the provider, so the engine's next
 * actions come in the answer to that action. A Gather or a Record that gets nothing falls through
 * to the verb after it: a <Redirect> to the same action address, marked `-timeout`.
 */
export type SpokenPrompt = { audioUrl: string } | { text: string };

export type TwimlContext = {
  /** The call's /evenement address for this verb, step number included. */
  actionUrl: (kind: ActionKind) => string;
  /** How a prompt of the line is said. */
  prompt: (key: string) => SpokenPrompt;
  /** The provider's voice for <Say>: Amazon Polly's French voice, known to the three providers. */
  voice?: string;
  language?: string;
};

export const DEFAULT_VOICE = 'Polly.Lea';
export const DEFAULT_LANGUAGE = 'fr-FR';

type XmlNode = Record<string, unknown>;

const builder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, suppressEmptyNode: true });

function element(tag: string, attributes: Record<string, string | number> = {}, children: XmlNode[] = []) {
  const node: XmlNode = { [tag]: children };
  const entries = Object.entries(attributes);
  if (entries.length) node[':@'] = Object.fromEntries(entries.map(([k, v]) => [`@_${k}`, String(v)]));
  return node;
}

const text = (value: string): XmlNode => ({ '#text': value });

function document(verbs: XmlNode[]): string {
  return builder.build([
    { '?xml': [text('')], ':@': { '@_version': '1.0', '@_encoding': 'UTF-8' } },
    element('Response', {}, verbs),
  ]);
}

const DIGIT_WORDS: Record<string, string> = { '*': 'étoile', '#': 'dièse' };

/**
 * A number read digit by digit: « 0 6 1 2… », which a provider's French voice says « zéro six un
 * deux ». A French number in E.164 is read as dialled (0…); spaces, dots and the like are skipped.
 */
export function spokenDigits(digits: string): string {
  return [...digits.replace(/^\+33/, '0')]
    .filter((d) => /[0-9*#]/.test(d))
    .map((d) => DIGIT_WORDS[d] ?? d)
    .join(' ');
}

/** Prompts as Say and Play verbs; consecutive texts become one Say, so the voice does not pause between them. */
function promptVerbs(refs: PromptRef[], context: TwimlContext): XmlNode[] {
  const verbs: XmlNode[] = [];
  let pending: string[] = [];
  const flush = () => {
    const said = pending.join(' ').trim();
    if (said) {
      verbs.push(
        element(
          'Say',
          { language: context.language ?? DEFAULT_LANGUAGE, voice: context.voice ?? DEFAULT_VOICE },
          [text(said)],
        ),
      );
    }
    pending = [];
  };
  for (const ref of refs) {
    if ('digits' in ref) {
      pending.push(spokenDigits(ref.digits));
      continue;
    }
    const spoken = context.prompt(ref.prompt);
    if ('audioUrl' in spoken) {
      flush();
      verbs.push(element('Play', {}, [text(spoken.audioUrl)]));
    } else {
      pending.push(spoken.text);
    }
  }
  flush();
  return verbs;
}

/** Where a call is transferred: a SIP URI is dialled as <Sip>, anything else as a phone <Number>. */
function dialTarget(to: string): XmlNode {
  return /^sips?:/i.test(to) ? element('Sip', {}, [text(to)]) : element('Number', {}, [text(to)]);
}

export function renderTwiml(actions: MediaAction[], context: TwimlContext): string {
  const verbs: XmlNode[] = [];
  for (const action of actions) {
    switch (action.type) {
      case 'play':
        verbs.push(...promptVerbs(action.prompts, context));
        continue;
      case 'gather':
        verbs.push(
          element(
            'Gather',
            {
              input: 'dtmf',
              numDigits: action.maxDigits,
              timeout: action.timeoutSeconds,
              // One key chooses a menu option, * and # included; a longer entry (a phone number) ends with #.
              finishOnKey: action.maxDigits > 1 ? '#' : '',
              action: context.actionUrl('gather'),
              method: 'POST',
            },
            promptVerbs(action.prompts, context),
          ),
          element('Redirect', { method: 'POST' }, [text(context.actionUrl('gather-timeout'))]),
        );
        return document(verbs);
      case 'transfer':
        verbs.push(
          element(
            'Dial',
            {
              timeout: action.ringSeconds,
              action: context.actionUrl('dial'),
              method: 'POST',
              // The caller keeps hearing ringing (not silence) until the secretariat picks up.
              answerOnBridge: 'true',
            },
            [dialTarget(action.to)],
          ),
        );
        return document(verbs);
      case 'record':
        verbs.push(
          element('Record', {
            maxLength: action.maxSeconds,
            playBeep: 'true',
            finishOnKey: '#',
            // People hesitate when they leave a message: 10 s of silence, not the default 5, ends it.
            timeout: 10,
            action: context.actionUrl('record'),
            method: 'POST',
          }),
          element('Redirect', { method: 'POST' }, [text(context.actionUrl('record-timeout'))]),
        );
        return document(verbs);
      case 'hangup':
        verbs.push(element('Hangup'));
        return document(verbs);
    }
  }
  // The engine always ends with a verb that waits or hangs up; if not, hang up rather than let the
  // provider end the call on its own terms (its status callback would report the hangup anyway).
  verbs.push(element('Hangup'));
  return document(verbs);
}

/** A polite end when we cannot take the call (unknown line or call, failure): said, then hung up. */
export function renderApology(message: string, voice = DEFAULT_VOICE, language = DEFAULT_LANGUAGE): string {
  return document([element('Say', { language, voice }, [text(message)]), element('Hangup')]);
}

/** An answer with nothing to do (status callbacks: the provider ignores the body). */
export function renderEmpty(): string {
  return document([]);
}
