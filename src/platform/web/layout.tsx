import type { ComponentChildren } from 'preact';
import { displayName, type SignedIn } from '../auth/actor.ts';
import { territoryLogoPath } from '../tenancy/logo.ts';
import { assets } from './assets.ts';
import { CsrfField } from './components.tsx';

export type NavItem = { label: string; href: string };
export type Flash = { type: 'success' | 'info' | 'warning' | 'error'; message: string };

export type LayoutProps = {
  title: string;
  auth: SignedIn | null;
  csrfToken: string;
  navigation: NavItem[];
  currentPath: string;
  flash: Flash[];
  children: ComponentChildren;
};

const serviceName = 'Tremplin';

export function Layout(props: LayoutProps) {
  return (
    <html lang="fr" data-fr-scheme="system">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no" />
        <title>{`${props.title} – ${serviceName}`}</title>
        <meta name="format-detection" content="telephone=no" />
        <link rel="stylesheet" href={assets.dsfrCss} />
        <link rel="stylesheet" href={assets.iconsCss} />
        <link rel="stylesheet" href={assets.appCss} />
        <link rel="icon" href={assets.favicon} type="image/svg+xml" />
        <link rel="apple-touch-icon" href={assets.appleTouchIcon} />
      </head>
      <body>
        <div class="fr-skiplinks">
          <nav class="fr-container" aria-label="Accès rapide">
            <ul class="fr-skiplinks__list">
              <li>
                <a class="fr-link" href="#contenu">
                  Contenu
                </a>
              </li>
              {props.navigation.length > 0 && (
                <li>
                  <a class="fr-link" href="#navigation">
                    Menu
                  </a>
                </li>
              )}
              <li>
                <a class="fr-link" href="#pied-de-page">
                  Pied de page
                </a>
              </li>
            </ul>
          </nav>
        </div>
        <Header {...props} />
        <main id="contenu" class="fr-container fr-py-6w tp-main" tabIndex={-1}>
          {props.flash.map((f) => (
            <div
              class={`fr-alert fr-alert--${f.type} fr-alert--sm fr-mb-4w`}
              role={f.type === 'error' ? 'alert' : 'status'}
            >
              <p>{f.message}</p>
            </div>
          ))}
          {props.children}
        </main>
        <Footer />
        <script type="module" src={assets.dsfrModule} />
        <script noModule src={assets.dsfrNoModule} />
        <script type="module" src={assets.appJs} />
      </body>
    </html>
  );
}

function Header(props: LayoutProps) {
  const org = props.auth?.currentOrganisation;
  const current = currentEntry(props.navigation, props.currentPath);
  // The territory of the organisation the agent works in now shows its logo in DSFR's operator slot.
  // Its version comes with the session's memberships (one query), so no page reads the image itself.
  const logo =
    org?.territorySlug && org.territoryLogoVersion !== null
      ? { src: territoryLogoPath(org.territorySlug, org.territoryLogoVersion), alt: org.territoryName ?? '' }
      : null;
  return (
    <header class="fr-header">
      <div class="fr-header__body">
        <div class="fr-container">
          <div class="fr-header__body-row">
            <div class="fr-header__brand fr-enlarge-link">
              <div class="fr-header__brand-top">
                <div class="fr-header__logo">
                  <p class="fr-logo">
                    République
                    <br />
                    Française
                  </p>
                </div>
                {logo && (
                  <div class="fr-header__operator">
                    {/* The alternative repeats the name written in the logo, as DSFR asks. */}
                    <img class="fr-responsive-img tp-operator-logo" src={logo.src} alt={logo.alt} />
                  </div>
                )}
                {/* Always present: on a phone the menu also holds "Se connecter" / "Se déconnecter". */}
                <div class="fr-header__navbar">
                  <button
                    type="button"
                    class="fr-btn--menu fr-btn"
                    data-fr-opened="false"
                    aria-controls="menu-principal"
                    aria-haspopup="menu"
                    id="bouton-menu"
                    title="Menu"
                  >
                    Menu
                  </button>
                </div>
              </div>
              <div class="fr-header__service">
                <a
                  href={props.auth ? '/tableau-de-bord' : '/'}
                  title={logo ? `Accueil – ${serviceName} – ${logo.alt}` : `Accueil – ${serviceName}`}
                >
                  <p class="fr-header__service-title">{serviceName}</p>
                </a>
                <p class="fr-header__service-tagline">
                  {org?.territoryName
                    ? `${org.organisationName} · ${org.territoryName}`
                    : 'Les startups de territoire'}
                </p>
              </div>
            </div>
            <div class="fr-header__tools">
              <div class="fr-header__tools-links">
                <HeaderTools {...props} />
              </div>
            </div>
          </div>
        </div>
      </div>
      {
        // biome-ignore lint/a11y/useAriaPropsSupportedByRole: DSFR's modal menu is labelled by its opening button
        <div class="fr-header__menu fr-modal" id="menu-principal" aria-labelledby="bouton-menu">
          <div class="fr-container">
            <button type="button" class="fr-btn--close fr-btn" aria-controls="menu-principal" title="Fermer">
              Fermer
            </button>
            <div class="fr-header__menu-links" />
            {props.navigation.length > 0 && (
              <nav class="fr-nav" id="navigation" aria-label="Menu principal">
                <ul class="fr-nav__list">
                  {props.navigation.map((item) => (
                    <li class="fr-nav__item">
                      <a
                        class="fr-nav__link"
                        href={item.href}
                        aria-current={item.href === current ? 'page' : undefined}
                      >
                        {item.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
          </div>
        </div>
      }
    </header>
  );
}

function HeaderTools(props: LayoutProps) {
  if (!props.auth) {
    return (
      <ul class="fr-btns-group">
        <li>
          <a class="fr-btn fr-icon-account-circle-line" href="/connexion">
            Se connecter
          </a>
        </li>
      </ul>
    );
  }
  const { actor, currentOrganisation } = props.auth;
  return (
    <ul class="fr-btns-group">
      <li>
        <a class="fr-btn fr-icon-account-circle-line" href="/compte">
          {displayName(actor)}
          {actor.isOperator ? ' (opérateur)' : ''}
        </a>
      </li>
      {actor.memberships.length > 1 && (
        <li>
          <a class="fr-btn fr-icon-building-line" href="/compte/organisation">
            {currentOrganisation ? `Changer d’organisation` : 'Choisir une organisation'}
          </a>
        </li>
      )}
      <li>
        <form method="post" action="/deconnexion" class="tp-inline-form">
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="fr-btn fr-icon-logout-box-r-line">
            Se déconnecter
          </button>
        </form>
      </li>
    </ul>
  );
}

/** The entry the page belongs to: the longest matching prefix, so /admin/journal is not also "Administration". */
function currentEntry(navigation: NavItem[], path: string): string | undefined {
  const matches = navigation
    .map((item) => item.href)
    .filter((href) => (href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`)));
  return matches.sort((a, b) => b.length - a.length)[0];
}

function Footer() {
  return (
    <footer class="fr-footer" id="pied-de-page">
      <div class="fr-container">
        <div class="fr-footer__body">
          <div class="fr-footer__brand fr-enlarge-link">
            <a href="/" title={`Retour à l’accueil – ${serviceName}`}>
              <p class="fr-logo">
                République
                <br />
                Française
              </p>
            </a>
          </div>
          <div class="fr-footer__content">
            <p class="fr-footer__content-desc">
              Tremplin aide les collectivités à transformer les problèmes rencontrés par leurs agents en
              services publics numériques, et à faire fonctionner ces services. Logiciel libre sous licence
              MIT.
            </p>
            <ul class="fr-footer__content-list">
              <li class="fr-footer__content-item">
                <a class="fr-footer__content-link" href="https://www.info.gouv.fr" rel="noopener">
                  info.gouv.fr
                </a>
              </li>
              <li class="fr-footer__content-item">
                <a class="fr-footer__content-link" href="https://www.service-public.fr" rel="noopener">
                  service-public.fr
                </a>
              </li>
              <li class="fr-footer__content-item">
                <a class="fr-footer__content-link" href="https://www.data.gouv.fr" rel="noopener">
                  data.gouv.fr
                </a>
              </li>
            </ul>
          </div>
        </div>
        <div class="fr-footer__bottom">
          <ul class="fr-footer__bottom-list">
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/accessibilite">
                Accessibilité : partiellement conforme
              </a>
            </li>
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/mentions-legales">
                Mentions légales
              </a>
            </li>
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/donnees-personnelles">
                Données personnelles
              </a>
            </li>
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/api/docs">
                API
              </a>
            </li>
          </ul>
          <div class="fr-footer__bottom-copy">
            <p>Code source sous licence MIT. Système de design de l’État (DSFR).</p>
          </div>
        </div>
      </div>
    </footer>
  );
}
