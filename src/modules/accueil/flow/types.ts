/**
 * The call flow, as data and as a pure state machine: events in, actions out. The SIP adapter, the
 * hosted provider's webhooks and the admin's simulator all drive the same engine (engine.ts), so the
 * same tests cover them. Nothing here knows about SIP, HTTP or the database.
 */

/** What a call ends with. A call that ends with none of them is a lost call. */
export const OUTCOMES = [
  'transfere_repondu',
  'rappel_demande',
  'message_vocal',
  'sms_envoye',
  'raccroche_ticket',
  'hors_service',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#';
export type OptionDigit = '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';

/** ISO weekday: 1 Monday … 7 Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
/** 'HH:MM', Europe/Paris wall-clock time. */
export type TimeRange = { from: string; to: string };
/** Opening hours per weekday; a day missing or empty is closed. */
export type WeeklyHours = Partial<Record<Weekday, TimeRange[]>>;
/** An exceptional closure, days inclusive ('YYYY-MM-DD', Paris). */
export type Closure = { from: string; to: string; reason: string };

/** What the caller may be offered when a service is closed or nobody answers, in this order of keys. */
export type OverflowChoice = 'rappel' | 'messagerie' | 'sms';

/** A menu option leads to a sub-menu or to a service. */
export type Target = { menu: string } | { service: string };

export type MenuDefinition = {
  key: string;
  /** Prompt key (accueil_prompts.key or a system prompt of prompts/defaults.ts). */
  prompt: string;
  options: Partial<Record<OptionDigit, Target>>;
};

export type ServiceDefinition = {
  /** Stable key used in statistics and URLs: 'aspi', 'ase', 'pole-accueil'. */
  key: string;
  name: string;
  /** Where a call is transferred: an E.164 number or a SIP URI (sip:aspi@10.0.0.5). */
  transferTo: string;
  /** Overflow when nobody answers within this many seconds. */
  ringSeconds: number;
  hours: WeeklyHours;
  /** Closed on French public holidays (of flow.departement). */
  closedOnPublicHolidays: boolean;
  closures: Closure[];
  /** Offered, in this order (key 1, 2, 3), when closed or when nobody answers. */
  overflow: OverflowChoice[];
  /** Prompt played when the service is closed (its hours), before the overflow menu. */
  closedPrompt: string;
  /** The service's information sent by SMS with the booking link: address, hours, what to bring. */
  smsText: string;
  /**
   * Where the SMS's booking link leads: the booking engine's public journey for this commune (INSEE
   * code), at this appointment type's places when given. Without it the SMS carries no link.
   */
  booking?: { commune: string; appointmentTypeId?: string };
};

export type FlowDefinition = {
  /** First prompt; it says how the caller's data is used (number, voicemail, how long they are kept). */
  welcomePrompt: string;
  rootMenu: string;
  menus: MenuDefinition[];
  services: ServiceDefinition[];
  /** Service reached with 0 from any menu (the operator). */
  operatorService?: string;
  /** Seconds to wait for a key press before repeating the menu. */
  noInputSeconds: number;
  /** How many times a menu is said again (no key, wrong key) before the call ends. */
  maxRepeats: number;
  /** Seconds of voicemail recorded at most. */
  voicemailMaxSeconds: number;
  /** Département for public holidays ('83'). */
  departement: string;
};

/** Something to say: a prompt by key, or digits read one by one (a phone number). */
export type PromptRef = { prompt: string } | { digits: string };

/** What happened on the call, as the adapter saw it. `at` is the moment it happened. */
export type FlowEvent =
  | { type: 'start'; at: Date; callerNumber: string | null }
  | { type: 'digits'; at: Date; digits: string }
  | { type: 'noInput'; at: Date }
  | { type: 'transferResult'; at: Date; answered: boolean }
  | { type: 'recorded'; at: Date; durationMs: number }
  | { type: 'hangup'; at: Date };

/**
 * What the adapter does next. Media actions (play, gather, transfer, record, hangup) are the adapter's;
 * record-keeping actions (ticket, sms, outcome, step) are done by calls.service in the event's
 * transaction. After `gather`, `transfer` or `record` the engine waits for the matching event.
 */
export type FlowAction =
  | { type: 'play'; prompts: PromptRef[] }
  /** Plays the prompts (a key press interrupts them), then waits timeoutSeconds for up to maxDigits keys ('#' ends early). */
  | { type: 'gather'; prompts: PromptRef[]; maxDigits: number; timeoutSeconds: number }
  | { type: 'transfer'; serviceKey: string; to: string; ringSeconds: number }
  | { type: 'record'; maxSeconds: number }
  | { type: 'hangup' }
  | {
      type: 'createTicket';
      reason: 'rappel_demande' | 'raccroche';
      serviceKey: string | null;
      number: string;
    }
  | { type: 'sendSms'; serviceKey: string; number: string }
  | { type: 'outcome'; outcome: Outcome; serviceKey: string | null }
  /** For the call's history and menu path: 'menu' principal, 'touche' 1, 'service' aspi… */
  | { type: 'step'; kind: string; detail?: string };

/** The engine's state between events; plain JSON (stored on the call). See engine.ts. */
export type FlowState = {
  /**
   * What the call waits for: 'menu' (a key, gather), 'transfer' (transferResult), 'connected' (the
   * service answered: only the hangup is left), 'overflow' (a key among the overflow choices),
   * 'confirm' (1 to confirm pendingNumber, 2 to type another), 'capture' (a typed number), 'record'
   * (the voicemail), 'ended'.
   */
  node: 'menu' | 'transfer' | 'connected' | 'overflow' | 'confirm' | 'capture' | 'record' | 'ended';
  /** The caller's number in E.164, null when withheld or unreadable. */
  callerNumber: string | null;
  /** The menu the caller is in (node 'menu'). */
  menu?: string;
  /** The service chosen, once chosen. */
  serviceKey?: string;
  /** How many times the current question was said again after no key or a wrong key. */
  repeats: number;
  /** What the number being typed or confirmed is for. */
  purpose?: 'rappel' | 'sms';
  /** A number (E.164) being confirmed for a callback or an SMS. */
  pendingNumber?: string;
  outcome?: Outcome;
  ended: boolean;
};

export type FlowResult = { state: FlowState; actions: FlowAction[] };
