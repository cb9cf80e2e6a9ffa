import {
  between,
  chance,
  exponential,
  intBetween,
  pick,
  type Random,
  randomUuid,
  seededRandom,
  triangular,
  weighted,
} from '../../../platform/demo-random.ts';
import { isPublicHoliday } from '../../../platform/scheduling/holidays.ts';
import { addDays, isoWeekday, localDay, localInstant } from '../../../platform/scheduling/slots/calendar.ts';
import { addWorkingHours, callbackService, isServiceOpen } from '../flow/hours.ts';
import type { FlowDefinition, Outcome, ServiceDefinition } from '../flow/types.ts';
import type { CallStep, calls, ticketEvents, tickets, voicemails } from '../tables.ts';

/**
 * Four weeks of calls to the UTS of La Seyne-sur-Mer, simulated call by call through the line's flow
 * as the engine would have run them (flow/engine.ts: the same steps, menu paths and outcomes), then
 * the reception team's work on what they left: callback tickets taken, attempted, done or unreachable,
 * voicemails listened to. Pure: the rows are returned, nothing is written.
 *
 * The story the statistics tell: about 18 calls a working day with a morning rush, a few in the evening
 * and at week-ends (closed: callback, voicemail or SMS instead); a secretariat answers three transfers in
 * four, better each week; callbacks within a few opening hours. The first two weeks the voice server
 * still lost some calls (a restart during transfers, a lost end of call: a few per cent, fewer each
 * day); since then only the rare caller with a withheld number who hangs up before anything is lost —
 * close to 0 %.
 * A dozen regulars call again and again; most people call once or twice.
 *
 * Numbers are in the ranges ARCEP keeps for fiction (06 39 98 xx xx, 04 65 71 xx xx).
 */
export const DEMO_SEED = 0x0083_acce;
export const DEMO_DAYS = 28;

type CallRow = typeof calls.$inferInsert;
type TicketRow = typeof tickets.$inferInsert;
type EventRow = typeof ticketEvents.$inferInsert;
type VoicemailRow = typeof voicemails.$inferInsert;
export type DemoRows = {
  calls: CallRow[];
  tickets: TicketRow[];
  events: EventRow[];
  voicemails: VoicemailRow[];
};

export type DemoInput = {
  now: Date;
  flow: FlowDefinition;
  line: { id: string; organisationId: string; callbackDueHours: number };
  /** The reception agent (most of the work) and the UTS's admin; null when the platform demo lacks them. */
  agents: { reception: string | null; admin: string | null };
  /** The WAV every demo voicemail carries. */
  voicemailAudio: Buffer;
  voicemailDurationMs: number;
};

const MINUTE = 60_000;

/** Calls on an ordinary day of the week (ISO weekday), before the day's own variation. */
const CALLS_PER_DAY: Record<number, number> = { 1: 24, 2: 20, 3: 18, 4: 19, 5: 15, 6: 2, 7: 1 };
/** By week of the four (oldest first): the server's early losses, answers, and the team's pace. */
/** The server's early losses: 6 % of transfers on the first day, down to none after two weeks. */
const crashLoss = (day: number) => 0.06 * Math.max(0, 1 - day / 14);
const ANSWERED = [0.7, 0.75, 0.79, 0.82];
const CALLBACK_MEAN_HOURS = [2, 1.5, 1.2, 1];

const NOTES = [
  'Rappelée : rendez-vous fixé avec l’assistante sociale de secteur.',
  'Facture d’énergie impayée : dossier de fonds de solidarité logement à déposer, rendez-vous proposé.',
  'Renseignements donnés sur les horaires et les pièces à apporter.',
  'Orientée vers la CAF pour la prime d’activité.',
  'Viendra à la permanence de jeudi matin.',
  'Lien de prise de rendez-vous renvoyé par SMS.',
];

/** Fictitious numbers: mobiles 06 39 98 xx xx, and one caller in seven on a landline 04 65 71 xx xx. */
function numberOf(k: number): { number: string; mobile: boolean } {
  const suffix = String((k * 7919) % 10_000).padStart(4, '0');
  return k % 7 === 3
    ? { number: `+3346571${suffix}`, mobile: false }
    : { number: `+3363998${suffix}`, mobile: true };
}

type Caller = { number: string; mobile: boolean } | null;

/** Steps of one call with their times, written as calls.service writes them (menu path included). */
class CallLog {
  steps: CallStep[] = [];
  menuPath: string[] = [];
  constructor(public at: number) {}
  wait(seconds: number) {
    this.at += Math.round(seconds * 1000);
  }
  step(kind: string, detail?: string) {
    this.steps.push({ at: new Date(this.at).toISOString(), kind, ...(detail ? { detail } : {}) });
    if ((kind === 'menu' || kind === 'touche' || kind === 'service') && detail) this.menuPath.push(detail);
  }
}

export function generateDemoCalls(input: DemoInput): DemoRows {
  const { flow, line, now } = input;
  const rng = seededRandom(DEMO_SEED);
  const rows: DemoRows = { calls: [], tickets: [], events: [], voicemails: [] };
  const regulars = Array.from({ length: 12 }, (_, k) => numberOf(k));
  let typed = 5000;
  const drawCaller = (): Caller => {
    if (chance(rng, 0.07)) return null;
    if (chance(rng, 0.22)) return pick(rng, regulars);
    return numberOf(intBetween(rng, 100, 549));
  };
  const serviceOf = (key: string) => flow.services.find((s) => s.key === key)!;
  const digitOf = (key: string) =>
    Object.entries(flow.menus.find((m) => m.key === flow.rootMenu)!.options).find(
      ([, target]) => 'service' in target && target.service === key,
    )?.[0] ?? '0';

  const today = localDay(now);
  const first = addDays(today, -(DEMO_DAYS - 1));
  let index = 0;
  type Pending = {
    callId: string;
    serviceKey: string | null;
    ticket: { reason: 'rappel_demande' | 'raccroche'; number: string };
    createdAt: number;
    week: number;
  };
  const pending: Pending[] = [];
  let lossDue = 0.5;
  let dayIndex = 0;
  for (let d = 0; d < DEMO_DAYS; d++) {
    const day = addDays(first, d);
    dayIndex = d;
    const week = Math.min(3, Math.floor(d / 7));
    const weekday = isoWeekday(day);
    const holiday = isPublicHoliday(day, flow.departement);
    const expected = CALLS_PER_DAY[weekday]! * (holiday ? 0.25 : 1) * between(rng, 0.8, 1.2);
    const count = Math.max(0, Math.round(expected));
    const times = Array.from({ length: count }, () => minuteOfDay(rng, weekday <= 5 && !holiday)).sort(
      (a, b) => a - b,
    );
    for (const minute of times) {
      const start = localInstant(day, Math.floor(minute)) + Math.floor((minute % 1) * 60) * 1000;
      const call = simulateCall(start, week);
      if (call) index++;
    }
  }
  // The team's work, oldest ticket first. The newest ones are the backlog: the last three not taken yet
  // (« à rappeler »), the two before tried once without reaching the person (« en cours »).
  pending.forEach((p, i) => {
    const rank = pending.length - 1 - i;
    followUp(
      p.callId,
      p.serviceKey,
      p.ticket,
      p.createdAt,
      p.week,
      rank < 3 ? 'waiting' : rank < 5 ? 'missed' : 'usual',
    );
  });
  return rows;

  /** One call through the flow; null (nothing kept) when it would not be over by now. */
  function simulateCall(start: number, week: number): boolean {
    const caller = drawCaller();
    const log = new CallLog(start);
    const id = randomUuid(rng);
    // What the call leaves, set by the closures below.
    const left = {
      outcome: null as Outcome | null,
      outcomeAt: null as number | null,
      ticket: null as { reason: 'rappel_demande' | 'raccroche'; number: string } | null,
      voicemail: false,
    };
    let serviceKey: string | null = null;
    const settle = (o: Outcome) => {
      left.outcome = o;
      left.outcomeAt = log.at;
    };
    /** The caller hangs up with nothing settled: a ticket when the number is known, else a lost call. */
    const hangsUp = () => {
      log.step('raccroche');
      if (caller) {
        left.ticket = { reason: 'raccroche', number: caller.number };
        settle('raccroche_ticket');
      }
      log.step('fin');
    };
    /** Silence until the engine gives up: a ticket when the number is known, else « hors service ». */
    const silent = () => {
      for (let i = 0; i <= flow.maxRepeats; i++) {
        log.wait(flow.noInputSeconds + 8);
        log.step('sans-reponse');
      }
      log.step('repetitions-epuisees');
      if (caller) {
        left.ticket = { reason: 'raccroche', number: caller.number };
        settle('raccroche_ticket');
      } else settle('hors_service');
      log.wait(4);
      log.step('fin');
    };
    const typedNumber = (mobile: boolean) => {
      log.wait(between(rng, 8, 15));
      log.step('numero-saisi');
      return mobile ? numberOf(typed++ * 7 + 1).number : numberOf(typed++).number;
    };

    const overflow = (service: ServiceDefinition) => {
      log.step('debordement', service.key);
      log.wait(between(rng, 6, 16));
      const offered = service.overflow;
      const choice = weighted(rng, {
        rappel: offered.includes('rappel') ? 55 : 0,
        messagerie: offered.includes('messagerie') ? 20 : 0,
        sms: offered.includes('sms') ? 15 : 0,
        raccroche: 4,
        silence: 3,
      });
      if (choice === 'raccroche') return hangsUp();
      if (choice === 'silence') return silent();
      log.step('touche', String(offered.indexOf(choice) + 1));
      log.step(choice);
      if (choice === 'messagerie') {
        log.wait(between(rng, 20, 70));
        log.step('message');
        settle('message_vocal');
        left.voicemail = true;
      } else {
        const wantsMobile = choice === 'sms';
        const known = caller && (!wantsMobile || caller.mobile) ? caller.number : typedNumber(wantsMobile);
        log.wait(between(rng, 6, 10));
        log.step('touche', '1');
        if (choice === 'sms') settle('sms_envoye');
        else {
          left.ticket = { reason: 'rappel_demande', number: known };
          settle('rappel_demande');
        }
      }
      log.wait(5);
      log.step('fin');
    };

    log.step('debut', caller ? 'numero-connu' : 'numero-masque');
    log.wait(between(rng, 14, 18)); // the welcome, which says how the data is used
    log.step('menu', flow.rootMenu);
    const intent = weighted(rng, { aspi: 42, ase: 18, 'pole-accueil': 30, operateur: 3, aucun: 7 });
    if (intent === 'aucun') {
      log.wait(between(rng, 3, 20));
      if (caller || chance(rng, 0.35)) hangsUp();
      else silent();
    } else {
      const key = intent === 'operateur' ? flow.operatorService! : intent;
      const service = serviceOf(key);
      serviceKey = key;
      log.wait(between(rng, 4, 15));
      log.step('touche', intent === 'operateur' ? '0' : digitOf(key));
      log.step('service', key);
      if (isServiceOpen(flow, service, new Date(log.at))) {
        log.step('transfert', key);
        // Spread evenly rather than drawn, so the curve goes down whatever the day the demo starts.
        lossDue += crashLoss(dayIndex);
        if (lossDue >= 1) {
          lossDue -= 1;
          // The server restarted during the transfer: the stale-calls job closed the call later.
          log.step('fin', 'cloture-automatique');
        } else if (chance(rng, ANSWERED[week]!)) {
          log.wait(between(rng, 5, 20));
          log.step('transfert-repondu', key);
          settle('transfere_repondu');
          log.wait(60 + exponential(rng, 240));
          log.step('raccroche');
          log.step('fin');
        } else {
          log.wait(service.ringSeconds);
          log.step('non-repondu', key);
          log.wait(4);
          overflow(service);
        }
      } else {
        log.step('ferme', key);
        log.wait(between(rng, 8, 12));
        overflow(service);
      }
    }

    const endedAt = log.at + 1000;
    if (endedAt > now.getTime() - MINUTE) return false;
    const callerNumber = caller?.number ?? null;
    rows.calls.push({
      id,
      lineId: line.id,
      organisationId: line.organisationId,
      channel: 'sip',
      externalId: `demo-${String(index + 1).padStart(4, '0')}`,
      callerNumber,
      startedAt: new Date(start),
      endedAt: new Date(endedAt),
      serviceKey,
      menuPath: log.menuPath,
      outcome: left.outcome,
      outcomeAt: left.outcomeAt === null ? null : new Date(left.outcomeAt),
      steps: log.steps,
    });
    const settledAt = left.outcomeAt ?? endedAt;
    if (left.ticket)
      pending.push({ callId: id, serviceKey, ticket: left.ticket, createdAt: settledAt, week });
    if (left.voicemail) listenLater(id, serviceKey, callerNumber, settledAt);
    return true;
  }

  /** The team's work on a ticket, up to now: taken, attempted (3 failures: unreachable), done. */
  function followUp(
    callId: string,
    serviceKey: string | null,
    ticket: { reason: 'rappel_demande' | 'raccroche'; number: string },
    createdAt: number,
    week: number,
    backlog: 'waiting' | 'missed' | 'usual',
  ) {
    const id = randomUuid(rng);
    const due = addWorkingHours(flow, serviceKey, new Date(createdAt), line.callbackDueHours);
    const agent = chance(rng, 0.75) ? input.agents.reception : input.agents.admin;
    // Most tickets are taken within the hour; one in three waits for a quieter moment.
    const wait = exponential(rng, CALLBACK_MEAN_HOURS[week]! * (chance(rng, 0.35) ? 2 : 0.5));
    let takenAt = addWorkingHours(flow, serviceKey, new Date(createdAt), wait).getTime();
    // One person in forty never answers (a wrong number, a phone switched off): unreachable.
    const unreachable = chance(rng, 0.025);
    let fate = backlog;
    if (fate === 'missed') {
      // Tried once in the last open hour, if there was one since the ticket came.
      const lastHour = now.getTime() - 30 * MINUTE;
      takenAt = Math.max(createdAt, Math.min(takenAt, lastHour));
      const open = isServiceOpen(flow, callbackService(flow, serviceKey)!, new Date(takenAt));
      if (!open || takenAt > now.getTime()) fate = 'waiting';
    }
    if (fate === 'waiting') takenAt = Number.POSITIVE_INFINITY;
    let status: TicketRow['status'] = 'a_rappeler';
    let failures = 0;
    let closedAt: number | null = null;
    let last = createdAt;
    let assigned: string | null = null;
    if (takenAt <= now.getTime()) {
      status = 'en_cours';
      assigned = agent;
      last = takenAt;
      rows.events.push({
        ticketId: id,
        kind: 'assignation',
        agentId: agent,
        note: 'Pris en charge',
        at: new Date(takenAt),
      });
      let at = takenAt + Math.round(between(rng, 1, 10) * MINUTE);
      while (at <= now.getTime()) {
        const result = chance(rng, fate === 'missed' || unreachable ? 0 : 0.72)
          ? 'joint'
          : weighted(rng, { pas_de_reponse: 6, messagerie: 4, mauvais_numero: 0.3 });
        rows.events.push({ ticketId: id, kind: 'tentative', agentId: agent, result, at: new Date(at) });
        last = at;
        if (result === 'joint') {
          status = 'fait';
          closedAt = at;
          if (chance(rng, 0.35)) {
            last = at + 2 * MINUTE;
            rows.events.push({
              ticketId: id,
              kind: 'note',
              agentId: agent,
              note: pick(rng, NOTES),
              at: new Date(last),
            });
          }
          break;
        }
        failures++;
        if (failures >= 3) {
          status = 'injoignable';
          closedAt = at;
          rows.events.push({
            ticketId: id,
            kind: 'statut',
            agentId: agent,
            note: 'Injoignable après 3 tentatives',
            at: new Date(at),
          });
          break;
        }
        at = addWorkingHours(
          flow,
          serviceKey,
          new Date(at),
          between(rng, fate === 'missed' ? 3 : 1.5, 4),
        ).getTime();
      }
    }
    rows.tickets.push({
      id,
      lineId: line.id,
      organisationId: line.organisationId,
      callId,
      serviceKey,
      reason: ticket.reason,
      callerNumber: ticket.number,
      status,
      dueAt: due,
      assignedAgentId: assigned,
      attempts: failures,
      createdAt: new Date(createdAt),
      closedAt: closedAt === null ? null : new Date(closedAt),
      updatedAt: new Date(last),
    });
  }

  /** A voicemail, listened to and handled by the reception within working hours (when that is past). */
  function listenLater(
    callId: string,
    serviceKey: string | null,
    callerNumber: string | null,
    recordedAt: number,
  ) {
    const handledAt = addWorkingHours(flow, serviceKey, new Date(recordedAt), exponential(rng, 1.5));
    const handled = handledAt.getTime() <= now.getTime();
    rows.voicemails.push({
      id: randomUuid(rng),
      lineId: line.id,
      organisationId: line.organisationId,
      callId,
      serviceKey,
      callerNumber,
      audio: input.voicemailAudio,
      durationMs: input.voicemailDurationMs,
      recordedAt: new Date(recordedAt),
      handledAt: handled ? handledAt : null,
      handledBy: handled ? input.agents.reception : null,
    });
  }
}

/**
 * When in the day (minutes since local midnight, fractional) a call comes. Working days: a morning
 * rush peaking around 9:30, a quieter afternoon, a few before opening, at lunch and in the evening.
 * Week-ends and holidays: spread over the day.
 */
function minuteOfDay(rng: Random, workingDay: boolean): number {
  if (!workingDay) return between(rng, 9 * 60, 19 * 60);
  const part = weighted(rng, { early: 6, morning: 52, lunch: 8, afternoon: 28, evening: 6 });
  switch (part) {
    case 'early':
      return between(rng, 7 * 60 + 30, 8 * 60 + 30);
    case 'morning':
      return triangular(rng, 8 * 60 + 30, 9 * 60 + 30, 12 * 60);
    case 'lunch':
      return between(rng, 12 * 60, 13 * 60 + 30);
    case 'afternoon':
      return triangular(rng, 13 * 60 + 30, 14 * 60, 17 * 60);
    default:
      return between(rng, 17 * 60, 20 * 60);
  }
}
