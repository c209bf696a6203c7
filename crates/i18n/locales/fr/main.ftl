## Cadre
skip-to-content = Aller au contenu
nav-label = Navigation principale
nav-dashboard = Tableau de bord
nav-assets = Matériels
nav-checkout = Prêter
nav-checkin = Rendre
nav-alerts = Alertes
find-label = Rechercher un matériel (n° d’inventaire, nom, détenteur)
find-placeholder = N° ou nom…
nav-menu = Menu
nav-logout = Se déconnecter
language = Langue
empty = Rien à afficher.
actions = Actions
role-admin = administrateur
role-it = informatique
role-reception = accueil
role-direction = direction
role-employee = employé

## Connexion
login-title = Connexion
login-username = Identifiant
login-password = Mot de passe
login-submit = Se connecter
login-hint = Mot de passe oublié ? Demandez à un administrateur de le changer.
login-failed = Identifiant ou mot de passe incorrect.
login-locked = Trop de tentatives manquées depuis ce poste : connexion bloquée, réessayez dans { $minutes } min.
login-slowed = Ce compte subit beaucoup de tentatives manquées : patientez { $seconds } s avant de réessayer.

## Erreurs
error-home = Retour au tableau de bord
error-reference = Référence de la requête :
error-400-title = Demande incorrecte
error-400-text = La demande n’a pas pu être comprise.
error-403-title = Accès refusé
error-403-text = Votre rôle ne permet pas d’ouvrir cette page ou de faire cette action. Demandez-la à un administrateur si vous en avez besoin.
error-404-title = Page introuvable
error-404-text = Cette page n’existe pas, ou plus.
error-500-title = Erreur interne
error-500-text = Quelque chose s’est mal passé de notre côté. Réessayez ; si cela se reproduit, donnez la référence ci-dessous au service informatique.
error-503-title = Service indisponible
error-503-text = La base de données ne répond pas. Réessayez dans un instant.

## Tableau de bord
dashboard-title = Tableau de bord
dashboard-figures = Chiffres clés
dashboard-value = valeur d’achat du parc en service
dashboard-in-service = matériels en service
dashboard-overdue = prêts en retard
dashboard-warranties = garanties finissant sous 30 jours
dashboard-by-status = Matériels par statut
dashboard-alerts = Alertes ouvertes par gravité
dashboard-by-site = Matériels en service par site
dashboard-by-category = Matériels en service par catégorie
dashboard-all-sites = { $count ->
    [one] Voir le site
   *[other] Voir les { $shown } sites
}
dashboard-no-site = (sans site)
dashboard-no-category = (sans catégorie)
dashboard-due-overdue = En retard
dashboard-due-overdue-none = Aucun prêt en retard.
dashboard-due-today = À rendre aujourd’hui
dashboard-due-today-none = Aucun retour attendu aujourd’hui.
dashboard-due-this_week = À rendre cette semaine
dashboard-due-this_week-none = Aucun retour attendu dans les sept jours.
dashboard-returns = Retours attendus
dashboard-mine = Mon matériel
dashboard-mine-empty = Vous n’avez aucun matériel en ce moment.
mine-intro = Ce que vous détenez, tel que le service informatique l’a enregistré. Confirmez la réception de ce qui vous a été remis ; signalez un problème et le service informatique en est prévenu.
mine-no-employee = Votre compte n’est lié à aucun employé : demandez à un administrateur de le lier à votre matricule pour voir votre matériel ici.
mine-since = Remis le
mine-no-due = sans date de retour
mine-receipt = Réception
mine-received = reçu
mine-not-received = à confirmer
mine-acknowledge = J’ai bien reçu ce matériel
mine-report = Signaler un problème
mine-report-note = Que se passe-t-il ?
mine-report-hint = Le service informatique reçoit votre message comme une alerte et vous recontacte.
mine-report-send = Envoyer au service informatique
mine-received-done = Merci : la réception est enregistrée.
mine-reported-done = Votre signalement est transmis au service informatique.

## Statuts
status-in_stock = En stock
status-assigned = Attribué
status-in_repair = En réparation
status-lost = Perdu
status-retired = Réformé

## Matériels
asset-tag = N° d’inventaire
asset-name = Désignation
loan-holder = Détenteur
loan-due = Retour prévu
loan-since = depuis le
loan-overdue = en retard
loan-note-out = Note au prêt
loan-condition = Rendu


## Commun
all = Tous
search = Rechercher
filters = Filtres
filter = Filtrer
sort = Trier par
sort-asset_tag = N° d’inventaire
sort-name = Désignation
sort-updated_at = Dernière modification
sort-warranty_end = Fin de garantie
sort-purchase_date = Date d’achat
pages = Pages
page-first = ← Première page
page-next = Page suivante →
save = Enregistrer
cancel = Annuler
edit = Modifier
choose = — Choisir —
note = Note
select = Sélectionner
export-xlsx = Exporter en Excel
export-csv = Exporter en CSV
form-errors = { $count ->
    [one] Un champ est à corriger.
   *[other] { $count } champs sont à corriger.
}

## Registre
assets-title = Matériels
assets-columns = Colonnes
assets-count = { $count ->
    [one] { $shown } matériel
   *[other] { $shown } matériels
}
assets-none = Aucun matériel ne correspond à ces critères.
assets-search-hint = N° d’inventaire, n° de série, désignation, modèle…
assets-file-name = materiels
asset-new = Nouveau matériel
asset-created = Matériel enregistré.
asset-saved = Modifications enregistrées.
asset-retired = Matériel réformé.
asset-marked-lost = Matériel déclaré perdu.
asset-serial = N° de série
asset-model = Modèle
asset-category = Catégorie
asset-manufacturer = Fabricant
asset-status = Statut
asset-site = Site
asset-custom-of = Champs de la catégorie { $category }
asset-custom = Champs personnalisés
asset-location = Emplacement
asset-location-hint = Les emplacements du site choisi ; choisir un emplacement choisit son site.
asset-supplier = Fournisseur
asset-order = N° de commande
asset-purchase-date = Date d’achat
asset-cost = Coût d’achat
asset-warranty = Fin de garantie
asset-notes = Notes
asset-last-audit = Dernier inventaire
asset-tag-hint = Laissez vide pour en générer un (KIT-000123).
asset-holder = Détenteur actuel
asset-state-in_stock = En stock : personne ne le détient.
asset-state-assigned = Attribué.
asset-state-in_repair = En réparation depuis le { $since }.
asset-state-lost = Déclaré perdu le { $since }.
asset-state-retired = Réformé le { $since } : il ne sort plus.
asset-repaired = Retour de réparation
asset-repaired-note = Ce qui a été réparé (facultatif)
asset-repaired-done = Retour de réparation enregistré : le matériel est de nouveau en stock.
asset-facts = Fiche
asset-alerts = Alertes en cours
asset-loans = Historique des attributions
asset-no-loans = Jamais attribué.
asset-still-out = toujours attribué
asset-changed-since = Ce qui a changé depuis que vous avez ouvert le formulaire :
asset-tag-holder = Ce numéro est celui de :
asset-history = Journal des modifications
history-asset-create = Enregistré par { $actor }.
history-asset-update = Modifié par { $actor }.
history-asset-retire = Réformé par { $actor }.
history-asset-delete = Supprimé par { $actor }.
history-asset-checkout = { $dated ->
        [yes] Prêté à { $holder } par { $actor }, retour prévu le { $due }.
       *[no] Remis à { $holder } par { $actor }, sans date de retour.
    }
history-asset-checkin = Rendu par { $holder } ({ $condition }), enregistré par { $actor }.
history-asset-lost = Déclaré perdu par { $actor }.
history-asset-audit = Vu lors d’un inventaire par { $actor }.
history-asset-import = Importé par { $actor }.
history-asset-received = Réception confirmée par { $actor }.
history-asset-problem = Problème signalé par { $actor }.
history-other = { $action } par { $actor }.
history-note = Note
history-raw = Données enregistrées
asset-end-of-life = Fin de vie
asset-retire = Réformer
asset-mark-lost = Déclarer perdu
asset-confirm-retire = Je confirme : le matériel garde son historique mais ne pourra plus être prêté.

## Accueil : prêt et retour
desk-tag = N° d’inventaire (saisi ou scanné)
desk-tag-hint = Scannez l’étiquette : la douchette saisit le numéro et valide.
desk-find = Chercher
desk-camera = Scanner avec la caméra
desk-no-such-tag = Aucun matériel ne porte le numéro { $tag }.
desk-already-out = { $tag } est déjà sorti : détenu par { $holder } depuis le { $since }.
desk-not-available = { $tag } n’est pas disponible : { $status }.
desk-not-out = { $tag } n’est pas sorti ({ $status }) : rien à rendre.
desk-checkin-refused = Ce retour n’a pas pu être enregistré : le matériel n’est plus sorti.
desk-go-checkin = Enregistrer son retour
desk-see-asset = Voir la fiche
checkout-title = Prêter un matériel
checkout-step-asset = Matériel
checkout-step-employee = Employé et date de retour
checkout-step-confirm = Confirmation
checkout-employee-search = Employé (nom, prénom ou matricule)
checkout-employee = Employé qui reçoit le matériel
checkout-nobody = Aucun employé actif ne correspond.
checkout-more = D’autres employés correspondent : précisez le nom ou tapez le matricule.
checkout-choose = Plusieurs employés correspondent : choisissez le bon (matricule, service, site).
checkout-open-ended = Sans date de retour (remise durable, pas un prêt)
checkout-due = Date de retour prévue
checkout-due-hint = Laissez la date proposée pour un prêt d’une semaine ; le retour est attendu avant 18 h.
checkout-confirm = Confirmer le prêt
checkout-done = { $tag } a été remis à { $holder }.
checkin-title = Enregistrer un retour
checkin-condition = État au retour
condition-ok = Bon état
condition-damaged = Abîmé
condition-broken = Hors service
checkin-confirm = Enregistrer le retour
checkin-done = Retour de { $tag } enregistré.
checkin-now = Statut :

## Alertes
alerts-title = Alertes
alerts-bulk-all = { $count ->
    [one] Appliquer à l’alerte du filtre
   *[other] Appliquer aux { $shown } alertes du filtre, pas seulement à celles cochées
}
alerts-bulk-action = action : « acknowledge » ou « resolve » attendu
alerts-own-site = alertes de votre site, { $site }.
alerts-all-sites = Voir tous les sites
alert-seen = Inventorié : vu aujourd’hui
alert-seen-hint = Le matériel est là où le registre le dit : l’inventaire est noté à la date du jour et l’alerte se ferme.
alert-seen-done = Inventaire noté : l’alerte se ferme.
alerts-count = { $count ->
    [one] { $shown } alerte
   *[other] { $shown } alertes
}
alerts-none = Aucune alerte.
alerts-live = À traiter (ouvertes et prises en compte)
alerts-select-all = Tout sélectionner
alerts-acknowledge-selected = Prendre en compte la sélection
alerts-resolve-selected = Clore la sélection
alerts-bulk-note-required = Pour clore des alertes, indiquez une note de résolution.
alerts-done-acknowledged = { $count ->
    [one] { $count } alerte prise en compte.
   *[other] { $count } alertes prises en compte.
}
alerts-done-resolved = { $count ->
    [one] { $count } alerte close.
   *[other] { $count } alertes closes.
}
alerts-done-failed = { $count ->
    [one] { $count } refusée : déjà traitée ou hors de votre rôle.
   *[other] { $count } refusées : déjà traitées ou hors de votre rôle.
}
alert-kind = Type
alert-severity = Gravité
alert-message = Message
alert-opened = Ouverte le
alert-state = État
alert-state-open = ouverte
alert-state-acknowledged = prise en compte
alert-state-resolved = close
alert-acknowledge = Prendre en compte
alert-acknowledge-hint = Indique aux collègues que quelqu’un s’en occupe.
alert-acknowledged = Alerte prise en compte.
alert-resolve = Clore l’alerte
alert-resolved = Alerte close.
alert-resolution-note = Note de résolution
alert-auto = automatiquement : la condition a cessé


## Employés
nav-employees = Employés
nav-audit = Journal
nav-admin = Administration
yes = oui
no = non
employees-title = Employés
employees-count = { $count ->
    [one] { $shown } employé
   *[other] { $shown } employés
}
employees-none = Aucun employé ne correspond.
employees-search-hint = Nom, prénom, matricule…
employee-name = Nom
employee-matricule = Matricule
employee-department = Service
employee-email = Courriel
employee-active = Actif
employee-inactive = parti
employee-holds = Matériel détenu
employee-holds-nothing = Ne détient aucun matériel.
employee-no-history = Aucune attribution passée.
employee-leaver = Départ : tout rendre
employee-leaver-hint = Enregistre en une fois le retour de tout le matériel détenu (tout ou rien).
employee-leaver-submit = Enregistrer le retour de tout le matériel
employee-leaver-confirm = Je confirme le retour de tout le matériel de cet employé.
employee-leaver-done = { $count ->
    [one] { $count } retour enregistré.
   *[other] { $count } retours enregistrés.
}

## Journal d’audit
audit-title = Journal d’audit
audit-verify = Vérifier la chaîne
audit-verify-ok = Chaîne intègre : { $checked } entrées vérifiées ({ $pending } en attente de scellement).
audit-verify-broken = Chaîne rompue à partir de l’entrée { $id } : le journal a été modifié. Prévenez la direction.
audit-entity = Objet
entity-alert = Alertes
entity-alert_rule = Règles d’alerte
entity-asset = Matériels
entity-assignment = Attributions
entity-audit = Journal d’audit
entity-auth = Connexions
entity-category = Catégories
entity-custom_field = Champs personnalisés
entity-import = Imports
entity-department = Services
entity-employee = Employés
entity-location = Emplacements
entity-manufacturer = Fabricants
entity-model = Modèles
entity-settings = Réglages
entity-site = Sites
entity-supplier = Fournisseurs
entity-token = Jetons d’API
entity-user = Comptes utilisateur
audit-action = Action
audit-from = Du
audit-to = Au
audit-at = Date
audit-actor = Auteur
audit-details = Détails
audit-sealed = Scellée
audit-none = Aucune entrée.

## Profil
profile-title = Mon profil
profile-name = Nom affiché
profile-role = Rôle
profile-password-hint = Au moins 10 caractères, difficile à deviner. Vos autres sessions se ferment et vos jetons d’API sont révoqués ; cette session reste ouverte.
profile-password = Mot de passe
profile-password-current = Mot de passe actuel
profile-password-new = Nouveau mot de passe
profile-password-change = Changer mon mot de passe
profile-password-done = Mot de passe changé : vos autres sessions sont fermées et vos jetons révoqués.
profile-tokens = Jetons d’API
profile-tokens-hint = Pour un script ou une douchette connectée : le jeton s’envoie dans l’en-tête Authorization: Bearer.
profile-token-name = Nom du jeton
profile-token-expires = Expire le (facultatif)
profile-token-create = Créer un jeton
profile-token-once = Copiez ce jeton maintenant : il ne sera plus jamais affiché.
profile-token-revoke = Révoquer
profile-token-revoke-confirm = Révoquer ce jeton ? Ce qui l’utilise cessera de fonctionner.
profile-token-revoked = révoqué le
profile-token-until = valable jusqu’au
profile-tokens-none = Aucun jeton.
profile-token-last-used = dernière utilisation
profile-token-never = jamais
admin-user-tokens-hint = Les jetons de ce compte (scripts, douchettes). Un nouveau mot de passe ou la désactivation du compte les révoque tous.

## Administration
admin-reference = Référentiel
admin-settings = Comptes et réglages
admin-sites = Sites
admin-locations = Emplacements
admin-departments = Services
admin-employees = Employés (fiches)
admin-categories = Catégories
admin-manufacturers = Fabricants
admin-models = Modèles
admin-suppliers = Fournisseurs
admin-custom-fields = Champs personnalisés
admin-users = Utilisateurs et rôles
admin-alert-rules = Règles d’alerte et destinataires
admin-alert-rules-hint = Chaque règle s’applique au prochain passage de la détection (toutes les 15 minutes par défaut). Les destinataires reçoivent, en plus des contacts informatiques du site, un courriel par alerte ou un récapitulatif.
admin-add = Ajouter
admin-delete = Supprimer
admin-delete-confirm = Supprimer cet enregistrement ? Impossible s’il est encore utilisé.
admin-done-created = Enregistrement créé.
admin-done-saved = Modifications enregistrées.
admin-done-deleted = Enregistrement supprimé.
admin-user-new = Nouveau compte
admin-user-new-password = Nouveau mot de passe (facultatif)
admin-user-employee = Employé (matricule)
admin-user-employee-hint = Le compte appartient à cet employé : sa page « Mon matériel » liste ce qu’il détient. Laissez vide pour un compte de service.
admin-user-link-by-email = Sans matricule, lier à l’employé qui a la même adresse e-mail
admin-user-password-hint = Au moins 10 caractères, et difficile à deviner (quelques mots sans rapport entre eux en font un bon). Changer le mot de passe ferme les sessions du compte et révoque ses jetons.
admin-user-state = État
admin-user-enabled = actif
admin-user-disabled = désactivé
admin-user-disable = Désactiver le compte (ses sessions sont fermées, ses jetons révoqués)
admin-rule-enabled = Règle active
admin-rule-threshold = Seuil
admin-rule-recipients = Destinataires supplémentaires (un courriel par ligne)
admin-rule-borrower = Prévenir aussi l’emprunteur
unit-hours = heures
unit-days = jours
unit-months = mois
unit-unused = —
field-code = Code
field-name = Nom
field-kind = Type
field-city = Ville
field-it_contacts = Contacts informatiques (un courriel par ligne)
field-site_id = Site
field-last_name = Nom
field-first_name = Prénom
field-matricule = Matricule
field-email = Courriel
field-department_id = Service
field-active = Actif
field-category_id = Catégorie
field-manufacturer_id = Fabricant
field-model_number = Référence fabricant
field-phone = Téléphone
field-key = Clé (dans les fichiers et l’API, ex. imei)
field-required = Obligatoire
field-unique = Valeur unique
field-format = Format
field-options = Choix de la liste (un par ligne)
choice-text = Texte
choice-number = Nombre
choice-date = Date
choice-list = Liste
choice-boolean = Oui / non
choice-mac_address = Adresse MAC
choice-imei = IMEI
choice-head_office = Siège
choice-warehouse = Entrepôt
choice-store = Magasin
confirm-missing = Rien n’a été fait : cochez la case de confirmation.

admin-notifications = Notifications (courriel, webhook)
notif-done-reset = Réglages effacés : les variables d’environnement du serveur s’appliquent de nouveau.
notif-source-environment = Aucun réglage enregistré ici : les variables d’environnement du serveur s’appliquent (RADGESTMAT_SMTP_URL, RADGESTMAT_WEBHOOK_URL…). Enregistrer ce formulaire les remplace.
notif-source-database = Réglages enregistrés ici le { $at } ; ils remplacent les variables d’environnement du serveur. Le travail en arrière-plan les applique dès l’envoi suivant.
notif-email = Courriels (SMTP)
notif-email-hint = Laissez le serveur vide pour n’envoyer aucun courriel.
notif-smtp-host = Serveur SMTP
notif-smtp-security = Sécurité de la connexion
notif-security-starttls = STARTTLS (port 587)
notif-security-tls = TLS dès la connexion (port 465)
notif-security-none = Aucune (relais local, port 25)
notif-smtp-port = Port
notif-smtp-port-hint = Vide : le port habituel de la sécurité choisie.
notif-smtp-username = Identifiant
notif-smtp-password = Mot de passe
notif-secret-unset = Aucun enregistré.
notif-secret-set = Enregistré et chiffré ; il n’est jamais réaffiché. Laissez le champ vide pour le garder.
notif-secret-unreadable = Enregistré avec une autre clé secrète (RADGESTMAT_SECRET_KEY a changé) : saisissez-le à nouveau, rien n’est envoyé d’ici là.
notif-secret-remove = Supprimer la valeur enregistrée
notif-smtp-from = Expéditeur
notif-webhook = Webhook
notif-webhook-hint = Chaque lot de nouvelles alertes est envoyé en JSON (POST) à cette adresse, signé avec le secret (en-tête X-RadGestMat-Signature).
notif-webhook-url = Adresse du webhook
notif-webhook-secret = Secret de signature
notif-language = Langue des notifications
notif-language-fr = Français
notif-language-en = Anglais
notif-reset = Revenir aux variables d’environnement
notif-reset-confirm = Effacer ces réglages et revenir aux variables d’environnement du serveur ?
notif-test = Courriel d’essai
notif-test-to = Adresse du destinataire
notif-test-send = Envoyer maintenant
notif-test-sent = Courriel d’essai accepté par le serveur SMTP pour { $to }.
notif-test-refused = Le courriel d’essai n’est pas parti : { $answer }
notif-test-bad-address = Saisissez une adresse de courriel, par exemple nom@exemple.tn.

## Les sortes d’enregistrement, comme les phrases les nomment (dans les raisons d’un refus)
term-asset = matériel
term-site = site
term-location = emplacement
term-department = service
term-employee = employé
term-category = catégorie
term-manufacturer = fabricant
term-model = modèle
term-supplier = fournisseur
term-user_account = compte utilisateur
term-locations = { $count ->
        [one] emplacement
       *[other] emplacements
    }
term-employees = { $count ->
        [one] employé
       *[other] employés
    }
term-assets = { $count ->
        [one] matériel
       *[other] matériels
    }
term-assignments = { $count ->
        [one] attribution
       *[other] attributions
    }
term-models = { $count ->
        [one] modèle
       *[other] modèles
    }
term-custom_field = champ personnalisé
term-custom_fields = { $count ->
        [one] champ personnalisé
       *[other] champs personnalisés
    }
term-user_accounts = { $count ->
        [one] compte utilisateur
       *[other] comptes utilisateur
    }
term-smtp_password = mot de passe SMTP
term-webhook_secret = secret du webhook

## Imports
import-title = Importer un inventaire
import-upload = Déposer un fichier
import-intro = Reprenez ce que vous avez déjà (matériel, employés, emplacements, modèles, comptes) : un classeur Excel, un fichier CSV issu d’un tableur ou un export de Snipe-IT. Il est d’abord vérifié (un essai qui n’écrit rien) ; vous voyez ce que ferait chaque ligne, puis vous importez.
import-file = Fichier
import-file-hint = Un classeur Excel (.xlsx) ou un fichier CSV, en UTF-8 ou Windows-1252 (le « CSV » d’Excel), séparé par ; , ou des tabulations. Les en-têtes français, nos noms de champs et ceux de Snipe-IT sont reconnus.
import-sheet = Feuille (classeur Excel)
import-sheet-hint = Vide : la première feuille.
import-mode = Ce que font les lignes
import-mode-create = Enregistrer les nouveaux
import-mode-update = Mettre à jour l’existant (par n° d’inventaire, matricule, nom ou identifiant)
import-mode-upsert = Les deux : mettre à jour l’existant, enregistrer le reste
import-date-order = Dates comme 03/04/25
import-day-first = Jour d’abord (3 avril 2025)
import-month-first = Mois d’abord (4 mars 2025 : Snipe-IT)
import-create-missing = Créer les catégories, fabricants, modèles, fournisseurs, sites, emplacements et services manquants
import-create-missing-hint = Décoché, une ligne qui nomme un modèle, un site ou un service inconnu est en erreur.
import-check = Vérifier le fichier
import-recent = Derniers imports
import-none = Aucun import pour l’instant.
import-state = État
import-when = Déposé
import-state-queued = en attente de vérification
import-state-checking = en cours de vérification
import-state-checked = vérifié, prêt à importer
import-state-committed = importé
import-state-failed = impossible à importer
import-checking = Vérification du fichier…
import-progress = { $count ->
    [one] { $shown } ligne vérifiée
   *[other] { $shown } lignes vérifiées
}
import-problems = Pourquoi ce fichier ne peut pas être importé
import-committed = Importé
import-dry-run = Essai : rien n’est encore écrit
import-to-create = À enregistrer
import-to-update = À mettre à jour
import-unchanged = Inchangées
import-in-error = En erreur
import-errors-block = Les lignes en erreur bloquent l’import. Corrigez le fichier et déposez-le à nouveau, ou importez les autres lignes en laissant celles-ci de côté.
import-skip-errors = Laisser de côté les lignes en erreur
import-commit = Importer
import-first-errors = Lignes en erreur
import-error-report = Télécharger le rapport d’erreurs (CSV)
import-line = Ligne
import-column = Colonne
import-error = Erreur
import-mapping = Colonnes
import-mapping-hint = Ce que remplit chaque colonne du fichier. Changez un choix et vérifiez à nouveau.
import-field = Champ
import-left-out = (ignorée)
import-check-again = Vérifier à nouveau avec ces choix
import-field-asset_tag = N° d’inventaire
import-field-name = Nom (désignation)
import-field-serial = Numéro de série
import-field-model = Modèle
import-field-model_number = Référence du modèle
import-field-category = Catégorie
import-field-manufacturer = Fabricant
import-field-site = Site
import-field-location = Emplacement
import-field-supplier = Fournisseur
import-field-order_number = N° de commande
import-field-purchase_date = Date d’achat
import-field-purchase_cost = Prix d’achat
import-field-warranty_months = Garantie (mois)
import-field-warranty_end = Fin de garantie
import-field-status = Statut
import-field-notes = Remarques
import-field-holder = Détenteur (matricule ou nom)
import-field-holder_username = Identifiant du détenteur
import-field-holder_email = E-mail du détenteur
import-field-holder_first_name = Prénom du détenteur
import-field-holder_last_name = Nom du détenteur
import-field-holder_location = Attribué à un emplacement
import-field-expected_checkin = Retour prévu
import-field-last_audit = Dernier inventaire
import-field-matricule = Matricule
import-field-first_name = Prénom
import-field-last_name = Nom
import-field-email = E-mail
import-field-department = Service
import-field-active = Actif (oui / non)
import-field-username = Identifiant
import-field-display_name = Nom affiché
import-field-role = Rôle
import-field-employee = Employé (matricule)
import-field-password = Premier mot de passe
import-kind = Contenu du fichier
import-kind-assets = Matériel
import-kind-employees = Employés
import-kind-locations = Emplacements
import-kind-models = Modèles
import-kind-users = Comptes utilisateurs
import-created = Enregistrés
import-updated = Mis à jour
import-left-aside = Laissées de côté (en erreur)

## Étiquettes
labels-title = Imprimer des étiquettes
labels-one = Étiquette
labels-back = Retour
labels-none = Aucun matériel n’est choisi : choisissez-les dans la liste des matériels (ses filtres), puis imprimez.
labels-count = { $count ->
    [one] { $shown } étiquette à imprimer.
   *[other] { $shown } étiquettes à imprimer.
}
labels-no-public-url = RADGESTMAT_PUBLIC_URL n’est pas réglée : les QR codes ouvriront l’adresse de cette page. Réglez-la sur l’adresse qu’ouvrent vos utilisateurs avant d’imprimer des étiquettes définitives.
labels-layout = Planche ou imprimante
labels-layout-avery_l7651 = Planche A4 Avery L7651 (65 étiquettes, 38,1 × 21,2 mm)
labels-layout-avery_l7160 = Planche A4 Avery L7160 (21 étiquettes, 63,5 × 38,1 mm)
labels-layout-brother_62 = Brother, rouleau de 62 mm (une étiquette par page)
labels-layout-dymo_54x25 = Dymo 54 × 25 mm (une étiquette par page)
labels-code = Code
labels-code-qr = QR code : l’appareil photo d’un téléphone ouvre la fiche
labels-code-code128 = Code-barres Code 128 du numéro : pour la douchette de l’accueil
labels-start = Commencer à l’étiquette n°
labels-start-hint = Sur une planche entamée : la première étiquette libre, comptée de gauche à droite puis de haut en bas.
labels-print = Ouvrir le PDF

## Modifications groupées
bulk-title = Modifier la sélection
bulk-all = { $count ->
    [one] le { $shown } matériel de ce filtre
   *[other] les { $shown } matériels de ce filtre
}
bulk-custom = Champ personnalisé
bulk-custom-value = Sa valeur
bulk-custom-hint = Vide : la valeur est retirée.
bulk-keep = (inchangé)
bulk-clear = (aucun)
bulk-preview-button = Prévisualiser la modification
bulk-labels = Étiquettes de la sélection
bulk-preview = { $count ->
    [0] Rien ne changerait.
    [one] { $shown } matériel changerait ; rien n’est écrit avant d’appliquer.
   *[other] { $shown } matériels changeraient ; rien n’est écrit avant d’appliquer.
}
bulk-apply = { $count ->
    [one] Appliquer à { $shown } matériel
   *[other] Appliquer à { $shown } matériels
}
bulk-done = { $count ->
    [one] { $shown } matériel modifié.
   *[other] { $shown } matériels modifiés.
}
bulk-changes = Ce qui change
bulk-field = Champ
bulk-before = Avant
bulk-after = Après

## Exports
employee-last-name = Nom
employee-first-name = Prénom
assignment-checked-out = Remis le
assignment-returned = Rendu le
assignment-note = Note
audit-ip = Adresse
alerts-file-name = alertes
employees-file-name = employes
assignments-file-name = attributions
audit-file-name = journal-audit
export-loans = Prêts et remises

## Le scanner
nav-scan = Scanner
scan-title = Scanner une étiquette
scan-unknown = Aucun matériel ne porte le numéro { $tag }.
scan-seen = Vu ici (inventaire)
scan-seen-done = { $tag } noté comme vu. Scannez le suivant.
