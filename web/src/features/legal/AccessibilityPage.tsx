import type { ReactNode } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Link } from 'react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { Page } from '../../components/Page';
import { defineMessages } from '../../i18n/messages';
import { useSite } from '../../site';
import { audit, auditDate, rate } from './accessibility-audit';

const m = defineMessages({
  title: { id: 'legal.accessibility.title', defaultMessage: "Déclaration d'accessibilité" },
  lead: {
    id: 'legal.accessibility.lead',
    defaultMessage:
      "{serviceName} s'engage à rendre son service accessible, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.",
  },
  appliesTo: {
    id: 'legal.accessibility.scope',
    defaultMessage:
      "Cette déclaration s'applique au site {serviceName} (l'espace des personnes assurées). Elle a été établie le {date}.",
  },
  conformityHeading: { id: 'legal.accessibility.conformityHeading', defaultMessage: 'État de conformité' },
  conformity: {
    id: 'legal.accessibility.conformity',
    defaultMessage:
      "{serviceName} est <strong>partiellement conforme</strong> au référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1.",
  },
  resultsHeading: { id: 'legal.accessibility.resultsHeading', defaultMessage: 'Résultats des tests' },
  results: {
    id: 'legal.accessibility.results',
    defaultMessage:
      "L'audit interne montre que <strong>{percent}\u00a0% des critères du RGAA 4.1 sont respectés</strong> : {met} critères respectés sur {applicable} critères applicables. {notApplicable} critères sur 106 ne s'appliquent pas (par exemple : pas de vidéo, pas de cadre).",
  },
  inaccessibleHeading: { id: 'legal.accessibility.inaccessibleHeading', defaultMessage: 'Contenus non accessibles' },
  failuresHeading: { id: 'legal.accessibility.failuresHeading', defaultMessage: 'Non-conformités' },
  failure: { id: 'legal.accessibility.failure', defaultMessage: 'Critère {id} : {note}' },
  exemptionsHeading: {
    id: 'legal.accessibility.exemptionsHeading',
    defaultMessage: 'Dérogations pour charge disproportionnée',
  },
  none: { id: 'legal.accessibility.none', defaultMessage: 'Aucune.' },
  outOfScopeHeading: {
    id: 'legal.accessibility.outOfScopeHeading',
    defaultMessage: "Contenus non soumis à l'obligation d'accessibilité",
  },
  outOfScope: {
    id: 'legal.accessibility.outOfScope',
    defaultMessage:
      "Les documents de santé que vous ou vos professionnels de santé ajoutez (ordonnances, comptes rendus, images…) : ils sont affichés tels qu'ils ont été reçus.",
  },
  establishmentHeading: {
    id: 'legal.accessibility.establishmentHeading',
    defaultMessage: 'Établissement de cette déclaration',
  },
  methodHeading: {
    id: 'legal.accessibility.methodHeading',
    defaultMessage: "Comment l'accessibilité a été mesurée",
  },
  methodCriteria: {
    id: 'legal.accessibility.methodCriteria',
    defaultMessage:
      "Les 106 critères du RGAA 4.1 ont été évalués un par un par l'équipe qui développe {serviceName} (audit interne, pas encore d'audit par un organisme indépendant).",
  },
  methodAxe: {
    id: 'legal.accessibility.methodAxe',
    defaultMessage: "Chaque page est vérifiée automatiquement par l'outil axe, dans Chromium, à chaque version.",
  },
  methodJourneys: {
    id: 'legal.accessibility.methodJourneys',
    defaultMessage:
      "Des parcours automatisés vérifient aussi ce qu'axe ne voit pas : tout se fait au clavier seul ; l'ordre de passage du clavier ; l'affichage sur un écran de 320 pixels et avec un zoom à 200\u00a0% ; l'espacement du texte agrandi ; les animations coupées quand le système le demande ; les messages d'erreur reliés à leur champ ; l'avertissement avant la fin de la session.",
  },
  methodTools: {
    id: 'legal.accessibility.methodTools',
    defaultMessage:
      "Navigateur et technologies utilisés : Chromium avec axe-core ; le code des pages (rôles, noms accessibles) a été relu pour les lecteurs d'écran.",
  },
  pagesHeading: { id: 'legal.accessibility.pagesHeading', defaultMessage: 'Pages vérifiées' },
  pages: {
    id: 'legal.accessibility.pages',
    defaultMessage:
      'Accueil, Activer Mon espace santé, Connexion, Accueil de mon espace, Profil médical et ses rubriques, Mesures de santé, Documents, Messagerie, Paramètres, Ajouter un ou plusieurs profils, <siteMap>Plan du site</siteMap>, cette déclaration.',
  },
  contactHeading: { id: 'legal.accessibility.contactHeading', defaultMessage: "Retour d'information et contact" },
  contact: {
    id: 'legal.accessibility.contact',
    defaultMessage:
      "Si vous n'arrivez pas à accéder à un contenu ou à un service, dites-le nous : nous vous orienterons vers une autre façon d'y accéder. Appelez le <strong>3422</strong> (service gratuit + prix d'un appel), du lundi au vendredi, ou écrivez à l'Assurance Maladie, qui vous répondra.",
  },
  remediesHeading: { id: 'legal.accessibility.remediesHeading', defaultMessage: 'Voies de recours' },
  remedies: {
    id: 'legal.accessibility.remedies',
    defaultMessage:
      "Si vous nous avez signalé un problème d'accessibilité et que notre réponse ne vous satisfait pas, vous pouvez saisir le Défenseur des droits : par son formulaire en ligne, en appelant le 09 69 39 00 00, en rencontrant un de ses délégués près de chez vous, ou par courrier gratuit, sans timbre, à : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.",
  },
});

const strong = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

/**
 * « Déclaration d'accessibilité » (the footer's link): the RGAA 4.1 statement, from the audit in
 * accessibility-audit.ts.
 */
export function AccessibilityPage() {
  const intl = useIntl();
  const { serviceName } = useSite();
  const r = rate();
  const percent = (r.met / r.applicable) * 100;
  const failing = audit.filter((c) => c.status === 'NC');
  return (
    <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.lead, { serviceName })}>
      <p>{intl.formatMessage(m.appliesTo, { serviceName, date: intl.formatMessage(auditDate) })}</p>
      <h2>{intl.formatMessage(m.conformityHeading)}</h2>
      <p>
        <FormattedMessage {...m.conformity} values={{ serviceName, strong }} />
      </p>
      <h2>{intl.formatMessage(m.resultsHeading)}</h2>
      <p>
        <FormattedMessage
          {...m.results}
          values={{
            percent: intl.formatNumber(percent, { maximumFractionDigits: 1 }),
            met: r.met,
            applicable: r.applicable,
            notApplicable: r.notApplicable,
            strong,
          }}
        />
      </p>
      <h2>{intl.formatMessage(m.inaccessibleHeading)}</h2>
      <h3 className={fr.cx('fr-h5')}>{intl.formatMessage(m.failuresHeading)}</h3>
      <ul>
        {failing.map((c) => (
          <li key={c.id}>
            {intl.formatMessage(m.failure, { id: c.id, note: c.note ? intl.formatMessage(c.note) : '' })}
          </li>
        ))}
      </ul>
      <h3 className={fr.cx('fr-h5')}>{intl.formatMessage(m.exemptionsHeading)}</h3>
      <p>{intl.formatMessage(m.none)}</p>
      <h3 className={fr.cx('fr-h5')}>{intl.formatMessage(m.outOfScopeHeading)}</h3>
      <p>{intl.formatMessage(m.outOfScope)}</p>
      <h2>{intl.formatMessage(m.establishmentHeading)}</h2>
      <h3 className={fr.cx('fr-h5')}>{intl.formatMessage(m.methodHeading)}</h3>
      <ul>
        <li>{intl.formatMessage(m.methodCriteria, { serviceName })}</li>
        <li>{intl.formatMessage(m.methodAxe)}</li>
        <li>{intl.formatMessage(m.methodJourneys)}</li>
        <li>{intl.formatMessage(m.methodTools)}</li>
      </ul>
      <h3 className={fr.cx('fr-h5')}>{intl.formatMessage(m.pagesHeading)}</h3>
      <p>
        <FormattedMessage
          {...m.pages}
          values={{ siteMap: (chunks: ReactNode[]) => <Link to="/plan-du-site">{chunks}</Link> }}
        />
      </p>
      <h2>{intl.formatMessage(m.contactHeading)}</h2>
      <p>
        <FormattedMessage {...m.contact} values={{ strong }} />
      </p>
      <h2>{intl.formatMessage(m.remediesHeading)}</h2>
      <p>{intl.formatMessage(m.remedies)}</p>
    </Page>
  );
}
