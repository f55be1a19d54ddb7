import { fr } from '@codegouvfr/react-dsfr';
import { Link } from 'react-router';
import { Page } from '../../components/Page';
import { useSite } from '../../site';
import { audit, auditDate, rate } from './accessibility-audit';

/**
 * « Déclaration d'accessibilité » (the footer's link): the RGAA 4.1 statement, from the audit in
 * accessibility-audit.ts.
 */
export function AccessibilityPage() {
  const { serviceName } = useSite();
  const r = rate();
  const percent = (r.met / r.applicable) * 100;
  const failing = audit.filter((c) => c.status === 'NC');
  return (
    <Page
      title="Déclaration d'accessibilité"
      lead={`${serviceName} s'engage à rendre son service accessible, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.`}
    >
      <p>
        Cette déclaration s'applique au site {serviceName} (l'espace des personnes assurées). Elle a été établie le{' '}
        {auditDate}.
      </p>
      <h2>État de conformité</h2>
      <p>
        {serviceName} est <strong>partiellement conforme</strong> au référentiel général d'amélioration de
        l'accessibilité (RGAA), version 4.1.
      </p>
      <h2>Résultats des tests</h2>
      <p>
        L'audit interne montre que{' '}
        <strong>
          {percent.toLocaleString('fr-FR', { maximumFractionDigits: 1 })}&nbsp;% des critères du RGAA 4.1 sont respectés
        </strong>{' '}
        : {r.met} critères respectés sur {r.applicable} critères applicables. {r.notApplicable} critères sur 106 ne
        s'appliquent pas (par exemple : pas de vidéo, pas de cadre).
      </p>
      <h2>Contenus non accessibles</h2>
      <h3 className={fr.cx('fr-h5')}>Non-conformités</h3>
      <ul>
        {failing.map((c) => (
          <li key={c.id}>
            Critère {c.id} : {c.note}
          </li>
        ))}
      </ul>
      <h3 className={fr.cx('fr-h5')}>Dérogations pour charge disproportionnée</h3>
      <p>Aucune.</p>
      <h3 className={fr.cx('fr-h5')}>Contenus non soumis à l'obligation d'accessibilité</h3>
      <p>
        Les documents de santé que vous ou vos professionnels de santé ajoutez (ordonnances, comptes rendus, images…) :
        ils sont affichés tels qu'ils ont été reçus.
      </p>
      <h2>Établissement de cette déclaration</h2>
      <h3 className={fr.cx('fr-h5')}>Comment l'accessibilité a été mesurée</h3>
      <ul>
        <li>
          Les 106 critères du RGAA 4.1 ont été évalués un par un par l'équipe qui développe {serviceName} (audit
          interne, pas encore d'audit par un organisme indépendant).
        </li>
        <li>Chaque page est vérifiée automatiquement par l'outil axe, dans Chromium, à chaque version.</li>
        <li>
          Des parcours automatisés vérifient aussi ce qu'axe ne voit pas : tout se fait au clavier seul ; l'ordre de
          passage du clavier ; l'affichage sur un écran de 320 pixels et avec un zoom à 200&nbsp;% ; l'espacement du
          texte agrandi ; les animations coupées quand le système le demande ; les messages d'erreur reliés à leur champ
          ; l'avertissement avant la fin de la session.
        </li>
        <li>
          Navigateur et technologies utilisés : Chromium avec axe-core ; le code des pages (rôles, noms accessibles) a
          été relu pour les lecteurs d'écran.
        </li>
      </ul>
      <h3 className={fr.cx('fr-h5')}>Pages vérifiées</h3>
      <p>
        Accueil, Activer Mon espace santé, Connexion, Accueil de mon espace, Profil médical et ses rubriques, Mesures de
        santé, Documents, Messagerie, Paramètres, Ajouter un ou plusieurs profils,{' '}
        <Link to="/plan-du-site">Plan du site</Link>, cette déclaration.
      </p>
      <h2>Retour d'information et contact</h2>
      <p>
        Si vous n'arrivez pas à accéder à un contenu ou à un service, dites-le nous : nous vous orienterons vers une
        autre façon d'y accéder. Appelez le <strong>3422</strong> (service gratuit + prix d'un appel), du lundi au
        vendredi, ou écrivez à l'Assurance Maladie, qui vous répondra.
      </p>
      <h2>Voies de recours</h2>
      <p>
        Si vous nous avez signalé un problème d'accessibilité et que notre réponse ne vous satisfait pas, vous pouvez
        saisir le Défenseur des droits : par son formulaire en ligne, en appelant le 09 69 39 00 00, en rencontrant un
        de ses délégués près de chez vous, ou par courrier gratuit, sans timbre, à : Défenseur des droits, Libre réponse
        71120, 75342 Paris CEDEX 07.
      </p>
    </Page>
  );
}
