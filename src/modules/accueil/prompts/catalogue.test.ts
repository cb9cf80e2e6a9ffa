import { describe, expect, it } from 'vitest';
import { SYSTEM_PROMPTS } from '../flow/system-prompts.ts';
import { utsLaSeyneFlow } from '../flow/uts-la-seyne.ts';
import { linePromptCatalogue, promptsOfFlow, SYSTEM_PROMPT_USES } from './catalogue.ts';
import { BufferLru } from './lru.ts';

describe('the prompts of a line', () => {
  it('names the flow’s welcome, menus and closed services, then every system prompt once', () => {
    const flow = utsLaSeyneFlow();
    expect(promptsOfFlow(flow).map((p) => [p.key, p.usage])).toEqual([
      ['accueil', 'Accueil, au décroché (dit comment les données sont utilisées)'],
      ['menu-principal', 'Menu principal'],
      ['aspi-ferme', 'Service fermé : Action sociale de proximité et insertion (ASPI)'],
      ['ase-ferme', 'Service fermé : Aide sociale à l’enfance (ASE)'],
      ['pole-accueil-ferme', 'Service fermé : Pôle Accueil'],
    ]);
    const all = linePromptCatalogue(flow);
    expect(all.filter((p) => p.kind === 'systeme').map((p) => p.key)).toEqual(Object.keys(SYSTEM_PROMPTS));
    expect(new Set(all.map((p) => p.key)).size).toBe(all.length);
  });

  it('merges a prompt used twice, and lists a system prompt the flow names among the flow’s', () => {
    const flow = utsLaSeyneFlow();
    flow.services[1]!.closedPrompt = 'aspi-ferme';
    flow.welcomePrompt = 'au-revoir';
    const own = promptsOfFlow(flow);
    expect(own.find((p) => p.key === 'aspi-ferme')?.usage).toBe(
      'Service fermé : Action sociale de proximité et insertion (ASPI) ; Service fermé : Aide sociale à l’enfance (ASE)',
    );
    expect(own[0]).toMatchObject({
      key: 'au-revoir',
      kind: 'parcours',
      defaultText: SYSTEM_PROMPTS['au-revoir'],
    });
    expect(linePromptCatalogue(flow).filter((p) => p.key === 'au-revoir')).toHaveLength(1);
  });

  it('says when the engine plays each system prompt', () => {
    const undescribed = Object.keys(SYSTEM_PROMPTS).filter((key) => !Object.hasOwn(SYSTEM_PROMPT_USES, key));
    expect(undescribed).toEqual([]);
  });
});

describe('BufferLru', () => {
  it('keeps the most recently used buffers within its size', () => {
    const lru = new BufferLru(30);
    lru.set('a', Buffer.alloc(10));
    lru.set('b', Buffer.alloc(10));
    lru.set('c', Buffer.alloc(10));
    expect(lru.get('a')).toBeDefined(); // a is now the most recent
    lru.set('d', Buffer.alloc(10));
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBeDefined();
    lru.set('huge', Buffer.alloc(31));
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.size).toBe(3);
  });
});
