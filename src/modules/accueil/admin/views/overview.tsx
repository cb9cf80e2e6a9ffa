import { findCommune } from '../../../../platform/geo/administrative.ts';
import { Table } from '../../../../platform/web/components.tsx';
import type { FlowDefinition, ServiceDefinition } from '../../flow/types.ts';
import type { Line } from '../../tables.ts';
import type { FlowProblem } from '../flow-problems.ts';
import { formatDayDate, weekSummary } from '../hours-format.ts';
import { OPTION_DIGITS } from '../menu.edit.ts';
import { formatPhone } from '../phone.ts';
import { OVERFLOW_LABELS } from '../service.edit.ts';
import { ConfigHeader, PromptText, paths, targetLabel } from './common.tsx';

export type OverviewProps = {
  line: Line;
  problems: FlowProblem[];
  /** Prompt texts by key: the line's, else the system's defaults. */
  texts: Record<string, string>;
  /** Prompt keys the flow names that have neither text nor recording. */
  silentPrompts: string[];
  appointmentTypes: { id: string; name: string }[];
};

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** The line's configuration at a glance: settings, menus, services with hours and closures. */
export function OverviewPage(props: OverviewProps) {
  const { line } = props;
  const flow = line.flow;
  return (
    <>
      <ConfigHeader line={line} title={`Configuration – ${line.name}`} overview />
      <p class="fr-text--lead">
        Numéro : {formatPhone(line.number)}. <a href={paths.simulator(line.id)}>Simuler un appel</a>
      </p>
      <Problems problems={props.problems} />
      {props.silentPrompts.length > 0 && (
        <div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-4w">
          <p>
            Ces messages n’ont ni texte ni enregistrement, les appelants n’entendront rien :{' '}
            {props.silentPrompts.map((key, i) => (
              <>
                {i > 0 && ', '}
                <code>{key}</code>
              </>
            ))}
            . Donnez-leur un texte dans la page des messages.
          </p>
        </div>
      )}
      <h2 class="fr-h4 fr-mt-4w">La ligne</h2>
      <ul>
        <li>Messages vocaux conservés {plural(line.audioRetentionDays, 'jour', 'jours')}</li>
        <li>
          Numéros des appelants conservés {plural(line.numberRetentionDays, 'jour', 'jours')} après la clôture
        </li>
        <li>Rappel dû dans les {plural(line.callbackDueHours, 'heure ouvrée', 'heures ouvrées')}</li>
      </ul>
      <a class="fr-btn fr-btn--secondary fr-btn--sm" href={paths.retention(line.id)}>
        Modifier les durées
      </a>{' '}
      <a class="fr-btn fr-btn--tertiary fr-btn--sm" href={paths.provider(line.id)}>
        Fournisseur hébergé (webhooks) : {line.webhookSecret ? 'configuré' : 'non configuré'}
      </a>
      <h2 class="fr-h4 fr-mt-6w">Le parcours d’appel</h2>
      <ul>
        <li>
          Message d’accueil : <PromptText promptKey={flow.welcomePrompt} texts={props.texts} />
        </li>
        <li>Menu d’accueil : « {flow.rootMenu} »</li>
        <li>
          Touche 0 :{' '}
          {flow.operatorService ? targetLabel(flow, { service: flow.operatorService }) : 'aucun service'}
        </li>
        <li>Attente d’une touche : {plural(flow.noInputSeconds, 'seconde', 'secondes')}</li>
        <li>Menu répété {plural(flow.maxRepeats, 'fois', 'fois')} au plus</li>
        <li>Message vocal : {plural(flow.voicemailMaxSeconds, 'seconde', 'secondes')} au plus</li>
        <li>Jours fériés du département {flow.departement}</li>
      </ul>
      <a class="fr-btn fr-btn--secondary fr-btn--sm" href={paths.general(line.id)}>
        Modifier les réglages du parcours
      </a>
      <h2 class="fr-h4 fr-mt-6w">Menus</h2>
      {flow.menus.map((menu) => (
        <section class="fr-mb-4w" aria-labelledby={`menu-${menu.key}`}>
          <h3 class="fr-h6" id={`menu-${menu.key}`}>
            {menu.key === flow.rootMenu ? `Menu d’accueil « ${menu.key} »` : `Sous-menu « ${menu.key} »`}
          </h3>
          <p>
            Message : <PromptText promptKey={menu.prompt} texts={props.texts} />
          </p>
          <Table caption={`Touches du menu « ${menu.key} »`} captionHidden headers={['Touche', 'Mène à']}>
            {OPTION_DIGITS.filter((d) => menu.options[d]).map((digit) => (
              <tr>
                <td>{digit}</td>
                <td>{targetLabel(flow, menu.options[digit])}</td>
              </tr>
            ))}
          </Table>
          <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
            <li>
              <a class="fr-btn fr-btn--secondary" href={paths.menu(line.id, menu.key)}>
                Modifier le menu « {menu.key} »
              </a>
            </li>
            {menu.key !== flow.rootMenu && (
              <li>
                <a class="fr-btn fr-btn--tertiary" href={paths.removeMenu(line.id, menu.key)}>
                  Supprimer le sous-menu « {menu.key} »
                </a>
              </li>
            )}
          </ul>
        </section>
      ))}
      <a
        class="fr-btn fr-btn--secondary fr-btn--sm fr-icon-add-line fr-btn--icon-left"
        href={paths.newMenu(line.id)}
      >
        Ajouter un sous-menu
      </a>
      <h2 class="fr-h4 fr-mt-6w">Services</h2>
      {flow.services.map((service) => (
        <ServiceSummary {...props} flow={flow} service={service} />
      ))}
      <a
        class="fr-btn fr-btn--secondary fr-btn--sm fr-icon-add-line fr-btn--icon-left"
        href={paths.newService(line.id)}
      >
        Ajouter un service
      </a>
    </>
  );
}

function Problems({ problems }: { problems: FlowProblem[] }) {
  if (problems.length === 0) {
    return (
      <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-4w">
        <p>Le parcours est complet : chaque touche mène quelque part et chaque service a ses horaires.</p>
      </div>
    );
  }
  return (
    <div class="fr-alert fr-alert--error fr-mb-4w" role="alert" id="problemes">
      <h2 class="fr-alert__title">
        {problems.length === 1 ? 'Le parcours a un problème' : `Le parcours a ${problems.length} problèmes`}
      </h2>
      <ul>
        {problems.map((p) => (
          <li>{p.message}</li>
        ))}
      </ul>
    </div>
  );
}

function ServiceSummary(props: OverviewProps & { flow: FlowDefinition; service: ServiceDefinition }) {
  const { line, service } = props;
  const commune = service.booking ? findCommune(service.booking.commune) : undefined;
  const type = props.appointmentTypes.find((t) => t.id === service.booking?.appointmentTypeId);
  return (
    <section class="fr-mb-6w" aria-labelledby={`service-${service.key}`}>
      <h3 class="fr-h5" id={`service-${service.key}`}>
        {service.name} <span class="fr-text--sm fr-text--regular">({service.key})</span>
      </h3>
      <ul>
        <li>
          Transfert vers {formatPhone(service.transferTo)}, sonne {service.ringSeconds} secondes
        </li>
        <li>
          Si personne ne répond ou si le service est fermé :{' '}
          {service.overflow.length === 0
            ? 'rien n’est proposé'
            : service.overflow.map((c, i) => `${i + 1}. ${OVERFLOW_LABELS[c]}`).join(' ; ')}
        </li>
        <li>
          Message quand le service est fermé :{' '}
          <PromptText promptKey={service.closedPrompt} texts={props.texts} />
        </li>
        <li>SMS : {service.smsText ? `« ${service.smsText} »` : 'aucun texte'}</li>
        <li>
          Lien de rendez-vous :{' '}
          {service.booking
            ? `${commune ? commune.name : service.booking.commune}${type ? `, motif « ${type.name} »` : ''}`
            : 'aucun'}
        </li>
      </ul>
      <Table caption={`Horaires du service ${service.name}`} headers={['Jour', 'Horaires']}>
        {weekSummary(service.hours).map((day) => (
          <tr>
            <th scope="row">{day.name}</th>
            <td>{day.text}</td>
          </tr>
        ))}
      </Table>
      <p>
        {service.closedOnPublicHolidays ? 'Fermé les jours fériés.' : 'Ouvert les jours fériés.'}{' '}
        {service.closures.length === 0
          ? 'Aucune fermeture exceptionnelle.'
          : `Fermetures : ${service.closures
              .map((c) =>
                c.from === c.to
                  ? `le ${formatDayDate(c.from)} (${c.reason})`
                  : `du ${formatDayDate(c.from)} au ${formatDayDate(c.to)} (${c.reason})`,
              )
              .join(' ; ')}.`}
      </p>
      <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
        <li>
          <a class="fr-btn fr-btn--secondary" href={paths.service(line.id, service.key)}>
            Modifier le service {service.key}
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href={paths.hours(line.id, service.key)}>
            Horaires de {service.key}
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href={paths.closures(line.id, service.key)}>
            Fermetures de {service.key}
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--tertiary" href={paths.removeService(line.id, service.key)}>
            Supprimer le service {service.key}
          </a>
        </li>
      </ul>
    </section>
  );
}
