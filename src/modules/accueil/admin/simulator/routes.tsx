import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../../platform/errors.ts';
import type { Platform } from '../../../../platform/platform.ts';
import { emptyForm } from '../../../../platform/web/components.tsx';
import { formatPhone } from '../phone.ts';
import { callerOf, postedValues } from '../request.ts';
import { paths } from '../views/common.tsx';
import { SimulatorPage } from '../views/simulator.tsx';
import {
  advanceSimulation,
  type CallerInput,
  type SimulatedCall,
  startSimulation,
  waitingFor,
} from './simulate.ts';
import { openSimulator, readSimulationStart } from './simulator.service.ts';
import { signCall, verifyCall } from './state-token.ts';

const lineParams = z.object({ lineId: z.string().max(100) });

export const TAMPERED =
  'La simulation transmise par la page a été modifiée ou n’est plus lisible : recommencez un appel simulé.';
export const FLOW_CHANGED =
  'La configuration a changé depuis le début de cet appel simulé : recommencez-le pour entendre la nouvelle.';

const ACTIONS: Record<string, CallerInput> = {
  rien: { type: 'noInput' },
  raccrocher: { type: 'hangup' },
  decroche: { type: 'answered' },
  personne: { type: 'noAnswer' },
  message: { type: 'message' },
};

/** The moment and number offered by default: now (Paris), a mobile so that every choice can be tried. */
function defaultStart(now: Date) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('fr-CA', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return {
    jour: `${parts.year}-${parts.month}-${parts.day}`,
    heure: `${parts.hour}:${parts.minute}`,
    numero: formatPhone('+33612345678'),
  };
}

/**
 * The call simulator of a line (its admins): a start form (moment, caller's number), then one page per
 * click with the transcript so far, the keypad or the buttons of what the call waits for. The call
 * travels signed in the page; nothing is stored.
 */
export async function registerSimulator(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const { secretKey } = platform.config;
  const web = app.withTypeProvider<ZodTypeProvider>();

  web.get(paths.simulator(':lineId'), { schema: { params: lineParams } }, async (request, reply) => {
    const { line } = await openSimulator(db, callerOf(request), request.params.lineId);
    return reply.page(
      'Simulateur d’appel',
      <SimulatorPage line={line} csrfToken={reply.csrfToken()} start={emptyForm(defaultStart(new Date()))} />,
    );
  });

  web.post(paths.simulator(':lineId'), { schema: { params: lineParams } }, async (request, reply) => {
    const { line, context, version } = await openSimulator(db, callerOf(request), request.params.lineId);
    const values = postedValues(request.body);
    const show = (call: SimulatedCall) =>
      reply.page(
        'Simulateur d’appel',
        <SimulatorPage
          line={line}
          csrfToken={reply.csrfToken()}
          start={emptyForm()}
          call={{
            token: signCall(secretKey, line.id, call),
            call,
            waiting: waitingFor(context, call),
            startedAt: new Date(call.transcript[0]?.at ?? call.at),
          }}
        />,
      );

    if (values.etat === undefined) {
      const start = readSimulationStart(values);
      if (!start.ok) {
        return reply.page(
          'Simulateur d’appel',
          <SimulatorPage
            line={line}
            csrfToken={reply.csrfToken()}
            start={{ values, errors: start.errors }}
          />,
          400,
        );
      }
      return show(startSimulation(context, { at: start.at, callerNumber: start.callerNumber, version }));
    }

    const call = verifyCall(secretKey, line.id, values.etat);
    if (!call) throw new AppError('validation', TAMPERED);
    if (call.version !== version) {
      return reply.page(
        'Simulateur d’appel',
        <SimulatorPage
          line={line}
          csrfToken={reply.csrfToken()}
          start={emptyForm(defaultStart(new Date()))}
          notice={FLOW_CHANGED}
        />,
        409,
      );
    }
    const input: CallerInput | undefined =
      values.digit !== undefined
        ? { type: 'digit', digit: values.digit }
        : values.action === 'suite'
          ? { type: 'digits', digits: values.suite ?? '' }
          : ACTIONS[values.action ?? ''];
    return show(input ? advanceSimulation(context, call, input) : call);
  });
}
