import type { FastifyInstance } from 'fastify';

/** The public home page and the pages every French public service must have in its footer. */
export async function registerPublicPages(app: FastifyInstance): Promise<void> {
  app.get('/', async (request, reply) => {
    if (request.auth) return reply.redirect('/tableau-de-bord', 303);
    return reply.page(
      'Accueil',
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-8">
          <h1>Tremplin, la plateforme des startups de territoire</h1>
          <p class="fr-text--lead">
            Les agents des collectivités transforment les problèmes qu’ils rencontrent chaque jour en services
            publics numériques, et les font fonctionner ici.
          </p>
          <ul>
            <li>
              un programme de pré-incubation : appel à problèmes, jury, équipes, enquêtes de terrain, comité ;
            </li>
            <li>l’orientation des bénéficiaires du RSA vers leur référent en quelques jours ;</li>
            <li>un accueil téléphonique qui ne perd aucun appel ;</li>
            <li>des binômes entre bénévoles et personnes âgées isolées ;</li>
            <li>la concertation citoyenne et les composteurs collectifs.</li>
          </ul>
          <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-4w">
            <li>
              <a class="fr-btn" href="/rdv">
                Prendre rendez-vous
              </a>
            </li>
            <li>
              <a class="fr-btn fr-btn--secondary" href="/connexion">
                Espace agent : se connecter
              </a>
            </li>
          </ul>
        </div>
      </div>,
    );
  });

  app.get('/mentions-legales', async (_request, reply) =>
    reply.page(
      'Mentions légales',
      <div class="fr-col-md-8">
        <h1>Mentions légales</h1>
        <h2>Éditeur</h2>
        <p>
          Tremplin est un logiciel libre publié sous licence MIT. Chaque instance est éditée par l’organisme
          qui l’exploite ; l’instance nationale est opérée par un incubateur de services publics numériques de
          l’État.
        </p>
        <h2>Hébergement</h2>
        <p>L’hébergeur de cette instance est indiqué par son opérateur dans ses conditions d’utilisation.</p>
        <h2>Code source</h2>
        <p>Le code source est public ; chacun peut l’auditer, le réutiliser et proposer des améliorations.</p>
      </div>,
    ),
  );

  app.get('/accessibilite', async (_request, reply) =>
    reply.page(
      'Accessibilité',
      <div class="fr-col-md-8">
        <h1>Déclaration d’accessibilité</h1>
        <p>
          Tremplin s’engage à rendre ses services accessibles conformément à l’article 47 de la loi n°
          2005-102 du 11 février 2005.
        </p>
        <h2>État de conformité</h2>
        <p>
          Tremplin est <strong>partiellement conforme</strong> avec le référentiel général d’amélioration de
          l’accessibilité (RGAA) : aucun audit complet n’a encore été réalisé. Chaque page est vérifiée
          automatiquement avec axe-core lors des tests, et fonctionne sans JavaScript.
        </p>
        <h2>Retour d’information et contact</h2>
        <p>
          Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez le service de votre
          collectivité qui utilise Tremplin : il vous orientera vers une alternative accessible ou vous
          transmettra le contenu sous une autre forme.
        </p>
        <h2>Voies de recours</h2>
        <p>
          Si vous constatez un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à une
          fonctionnalité, que vous nous le signalez et que vous ne parvenez pas à obtenir une réponse, vous
          pouvez saisir le Défenseur des droits.
        </p>
      </div>,
    ),
  );

  app.get('/donnees-personnelles', async (_request, reply) =>
    reply.page(
      'Données personnelles',
      <div class="fr-col-md-8">
        <h1>Données personnelles</h1>
        <p>
          Les données saisies dans Tremplin sont traitées par la collectivité qui utilise le service concerné,
          pour l’exercice de ses missions de service public. Chaque donnée appartient à une organisation ;
          seuls les agents de cette organisation y ont accès.
        </p>
        <h2>Traçabilité</h2>
        <p>
          Chaque consultation ou modification d’une donnée personnelle par un agent est inscrite dans un
          journal qui ne peut être ni modifié ni effacé.
        </p>
        <h2>Cookies</h2>
        <p>
          Tremplin n’utilise que des cookies strictement nécessaires : la session des agents connectés et la
          protection des formulaires. Aucun cookie de mesure d’audience ou de publicité.
        </p>
        <h2>Vos droits</h2>
        <p>
          Vous pouvez accéder aux données qui vous concernent, les faire rectifier ou, dans les cas prévus par
          la loi, effacer, en vous adressant à la collectivité qui gère le service.
        </p>
      </div>,
    ),
  );
}
