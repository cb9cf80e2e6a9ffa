import type { FlowAction, FlowDefinition, FlowState } from '../flow/types.ts';

/** What the adapters do with their own means: say, listen, transfer, record, hang up. */
export type MediaAction = Extract<FlowAction, { type: 'play' | 'gather' | 'transfer' | 'record' | 'hangup' }>;

const MEDIA = new Set<FlowAction['type']>(['play', 'gather', 'transfer', 'record', 'hangup']);

export function isMediaAction(action: FlowAction): action is MediaAction {
  return MEDIA.has(action.type);
}

/**
 * What a call keeps between two events (accueil_calls.state). The flow is the line's as it was when
 * the call came in: an admin saving the flow during a call must not send it to a menu that no longer
 * exists. `seq` counts the events applied and `actions` are the last media actions, so that a
 * provider retrying a webhook gets the same answer instead of advancing the call twice. Once the call
 * has ended only the engine's state is kept.
 */
export type CallState = {
  engine: FlowState;
  seq: number;
  actions: MediaAction[];
  definition?: FlowDefinition;
};
