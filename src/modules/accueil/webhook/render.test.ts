import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { MediaAction } from '../calls/call-state.ts';
import { renderApology, renderEmpty, renderTwiml, spokenDigits, type TwimlContext } from './render.ts';

const context: TwimlContext = {
  actionUrl: (kind) => `https://tremplin.example.fr/accueil/webhook/voix/c1/evenement?n=3&k=${kind}`,
  prompt: (key) =>
    key === 'enregistre'
      ? { audioUrl: `https://tremplin.example.fr/audio/${key}.wav?v=1&x=2` }
      : { text: `«${key}»` },
};

type Verb = { name: string; attributes: Record<string, string>; text?: string; children: Verb[] };

/** The XML read back as a list of verbs, in order. */
function verbs(xml: string): Verb[] {
  const parsed = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
  }).parse(xml);
  const toVerb = (node: Record<string, unknown>): Verb[] => {
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name || name === '#text') return [];
    const children = node[name] as Record<string, unknown>[];
    const textNode = children.find((c) => '#text' in c);
    return [
      {
        name,
        attributes: (node[':@'] as Record<string, string>) ?? {},
        ...(textNode ? { text: String(textNode['#text']) } : {}),
        children: children.flatMap(toVerb),
      },
    ];
  };
  const response = (parsed as Record<string, unknown>[]).find((n) => 'Response' in n)!;
  return toVerb(response)[0]!.children;
}

const say = (text: string): Verb => ({
  name: 'Say',
  attributes: { language: 'fr-FR', voice: 'Polly.Lea' },
  text,
  children: [],
});

describe('TwiML rendering', () => {
  it('starts with the XML declaration and one Response', () => {
    const xml = renderTwiml([{ type: 'hangup' }], context);
    expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>');
  });

  it.each<[string, MediaAction[], Verb[]]>([
    [
      'a prompt with text is said, consecutive texts and digits in one Say',
      [
        { type: 'play', prompts: [{ prompt: 'rappel-au-numero' }, { digits: '0612345678' }] },
        { type: 'hangup' },
      ],
      [say('«rappel-au-numero» 0 6 1 2 3 4 5 6 7 8'), { name: 'Hangup', attributes: {}, children: [] }],
    ],
    [
      'a recorded prompt is played from its public address',
      [
        { type: 'play', prompts: [{ prompt: 'a' }, { prompt: 'enregistre' }, { prompt: 'b' }] },
        { type: 'hangup' },
      ],
      [
        say('«a»'),
        {
          name: 'Play',
          attributes: {},
          text: 'https://tremplin.example.fr/audio/enregistre.wav?v=1&x=2',
          children: [],
        },
        say('«b»'),
        { name: 'Hangup', attributes: {}, children: [] },
      ],
    ],
    [
      'a one-key gather nests its prompts, every key counts, then falls through to a Redirect',
      [
        { type: 'play', prompts: [{ prompt: 'accueil' }] },
        { type: 'gather', prompts: [{ prompt: 'menu-principal' }], maxDigits: 1, timeoutSeconds: 6 },
      ],
      [
        say('«accueil»'),
        {
          name: 'Gather',
          attributes: {
            input: 'dtmf',
            numDigits: '1',
            timeout: '6',
            finishOnKey: '',
            action: 'https://tremplin.example.fr/accueil/webhook/voix/c1/evenement?n=3&k=gather',
            method: 'POST',
          },
          children: [say('«menu-principal»')],
        },
        {
          name: 'Redirect',
          attributes: { method: 'POST' },
          text: 'https://tremplin.example.fr/accueil/webhook/voix/c1/evenement?n=3&k=gather-timeout',
          children: [],
        },
      ],
    ],
    [
      'a number entry ends with #',
      [{ type: 'gather', prompts: [{ prompt: 'saisir-numero' }], maxDigits: 10, timeoutSeconds: 10 }],
      [
        {
          name: 'Gather',
          attributes: {
            input: 'dtmf',
            numDigits: '10',
            timeout: '10',
            finishOnKey: '#',
            action: 'https://tremplin.example.fr/accueil/webhook/voix/c1/evenement?n=3&k=gather',
            method: 'POST',
          },
          children: [say('«saisir-numero»')],
        },
        {
          name: 'Redirect',
          attributes: { method: 'POST' },
          text: 'https://tremplin.example.fr/accueil/webhook/voix/c1/evenement?n=3&k=gather-timeout',
          children: [],
        },
      ],
    ],
    [
      'a transfer to a phone number dials a Number',
      [
        { type: 'play', prompts: [{ prompt: 'transfert' }] },
        { type: 'transfer', serviceKey: 'aspi', to: '+33494000001', ringSeconds: 25 },
      ],
      [
        say('«transfert»'),
        {
          name: 'Dial',
          attributes: {
            timeout: '25',
            action: 'https://tremplin.example.fr/accueil/webhook/voix/c1/evenement?n=3&k=dial',
            method: 'POST',
            answerOnBridge: 'true',
          },
          children: [{ name: 'Number', attributes: {}, text: '+33494000001', children: [] }],
        },
      ],
    ],
    [
      'a transfer to a SIP address dials a Sip',
      [{ type: 'transfer', serviceKey: 'aspi', to: 'sip:aspi@10.0.0.5', ringSeconds: 20 }],
      [
        {
          name: 'Dial',
          attributes: {
            timeout: '20',
            action: 'https://tremplin.example.fr/accueil/webhook/voix/c1/evenement?n=3&k=dial',
            method: 'POST',
            answerOnBridge: 'true',
          },
          children: [{ name: 'Sip', attributes: {}, text: 'sip:aspi@10.0.0.5', children: [] }],
        },
      ],
    ],
    [
      'a voicemail is a Record with a beep, then a Redirect when nothing was recorded',
      [
        { type: 'play', prompts: [{ prompt: 'messagerie-bip' }] },
        { type: 'record', maxSeconds: 120 },
      ],
      [
        say('«messagerie-bip»'),
        {
          name: 'Record',
          attributes: {
            maxLength: '120',
            playBeep: 'true',
            finishOnKey: '#',
            timeout: '10',
            action: 'https://tremplin.example.fr/accueil/webhook/voix/c1/evenement?n=3&k=record',
            method: 'POST',
          },
          children: [],
        },
        {
          name: 'Redirect',
          attributes: { method: 'POST' },
          text: 'https://tremplin.example.fr/accueil/webhook/voix/c1/evenement?n=3&k=record-timeout',
          children: [],
        },
      ],
    ],
    [
      'nothing after a verb that waits is rendered',
      [
        { type: 'transfer', serviceKey: 'aspi', to: '+33494000001', ringSeconds: 25 },
        { type: 'play', prompts: [{ prompt: 'jamais' }] },
      ],
      [
        {
          name: 'Dial',
          attributes: {
            timeout: '25',
            action: 'https://tremplin.example.fr/accueil/webhook/voix/c1/evenement?n=3&k=dial',
            method: 'POST',
            answerOnBridge: 'true',
          },
          children: [{ name: 'Number', attributes: {}, text: '+33494000001', children: [] }],
        },
      ],
    ],
    [
      'actions that neither wait nor end are followed by a Hangup',
      [{ type: 'play', prompts: [{ prompt: 'au-revoir' }] }],
      [say('«au-revoir»'), { name: 'Hangup', attributes: {}, children: [] }],
    ],
    ['no actions at all: hang up', [], [{ name: 'Hangup', attributes: {}, children: [] }]],
  ])('%s', (_label, actions, expected) => {
    expect(verbs(renderTwiml(actions, context))).toEqual(expected);
  });

  it('escapes text and addresses', () => {
    const xml = renderTwiml([{ type: 'play', prompts: [{ prompt: 'x' }] }], {
      ...context,
      prompt: () => ({ text: 'Tapez <1> & "2"' }),
    });
    expect(xml).toContain('Tapez &lt;1&gt; &amp; &quot;2&quot;');
    expect(verbs(xml)[0]!.text).toBe('Tapez <1> & "2"');
    const play = renderTwiml([{ type: 'play', prompts: [{ prompt: 'enregistre' }] }], context);
    expect(play).toContain('enregistre.wav?v=1&amp;x=2');
  });

  it('skips prompts with no text', () => {
    const xml = renderTwiml([{ type: 'play', prompts: [{ prompt: 'vide' }] }, { type: 'hangup' }], {
      ...context,
      prompt: () => ({ text: '  ' }),
    });
    expect(verbs(xml)).toEqual([{ name: 'Hangup', attributes: {}, children: [] }]);
  });

  it('reads digits one by one, star and hash in words', () => {
    expect(spokenDigits('06*#')).toBe('0 6 étoile dièse');
    expect(spokenDigits('+33612345678')).toBe('0 6 1 2 3 4 5 6 7 8');
    expect(spokenDigits('06 12.34')).toBe('0 6 1 2 3 4');
  });

  it('apologises then hangs up; an empty answer is an empty Response', () => {
    expect(verbs(renderApology('Ce numéro n’est pas attribué.'))).toEqual([
      say('Ce numéro n’est pas attribué.'),
      { name: 'Hangup', attributes: {}, children: [] },
    ]);
    expect(renderEmpty()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });
});
