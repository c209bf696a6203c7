# Pourquoi une demande est refusée : les raisons du domaine (radgestmat_domain::Reason),
# `error-<code>`, telles que les pages les affichent.

error-must-not-be-empty = ne doit pas être vide
error-too-long = doit compter au plus { $max } caractères
error-too-short = doit compter au moins { $min } caractères
error-too-many-bytes = doit compter au plus { $max } octets
error-not-an-email = doit être une adresse de courriel, par exemple nom@exemple.tn
error-too-many-addresses = peut compter au plus { $max } adresses
error-not-an-id = doit être un identifiant positif
error-not-ids = doivent être des identifiants positifs
error-negative = ne doit pas être négatif
error-before-purchase = ne doit pas être antérieure à la date d’achat
error-must-not-be-in-the-future = ne doit pas être dans le futur
error-must-be-in-the-future = doit être dans le futur
error-tag-length = doit compter de 1 à 32 caractères
error-tag-characters = ne peut contenir que des lettres, des chiffres, « - », « _ » et « . »
error-code-characters = ne peut contenir que des lettres, des chiffres, « - » et « _ »
error-username-shape = doit compter de 3 à 64 caractères parmi a-z, 0-9, « . », « _ » et « - »
error-token-name = doit compter de 1 à 100 caractères
error-one-of = doit être l’une des valeurs { $names }
error-sort-one-of = doit être l’une des valeurs { $names } (précédée de - pour inverser)
error-limit-range = doit être un nombre de 1 à { $max }
error-true-or-false = doit valoir true ou false
error-unknown-parameter = paramètre inconnu
error-day-or-instant = doit être une date (2026-11-21) ou un instant (2026-11-21T08:30:00Z)
error-not-a-cursor = n’est pas un curseur donné par cette liste
error-json-object = doit être un objet JSON
error-malformed = valeur non valide ({ $detail })
error-threshold-range = doit être compris entre 0 et 3650
error-port-range = doit être compris entre 1 et 65535
error-not-a-server-name = doit être un nom de serveur, par exemple smtp.magasin.tn
error-required-to-send = est nécessaire pour envoyer des courriels
error-required-with-password = est nécessaire avec un mot de passe
error-not-http = doit être une adresse http:// ou https://
error-positive-whole-number = doit être un nombre entier positif
error-not-valid = n’est pas une valeur valide
error-date-example = doit être une date, par exemple 21/11/2026
error-amount-example = doit être un montant, par exemple 1234,500
error-must-be-chosen = doit être choisi
error-assigned-by-check-out = un matériel n’est attribué que par un prêt ou une remise
error-no-holder = indiquez l’employé (ou l’emplacement) qui reçoit le matériel
error-both-holders = indiquez un employé ou un emplacement, pas les deux
error-choose-employee = choisissez l’employé qui reçoit le matériel
error-empty-kit = indiquez au moins un matériel
error-kit-too-big = au plus { $max } matériels à la fois
error-named-twice = { $tag } est cité deux fois
error-no-asset = matériel { $key } introuvable
error-no-such = aucun(e) { $what } n° { $id }
error-location-elsewhere = cet emplacement n’est pas sur le site du matériel
error-inactive = { $who } est inactif ou inactive
error-check-in-first = le matériel est sorti : faites d’abord son retour
error-checked-out-stays = { $tag } est sorti : faites son retour pour changer l’endroit où il se trouve
error-not-available = { $tag } { $status ->
        [assigned] est déjà sorti
        [in_repair] est en réparation
        [lost] est déclaré perdu
       *[retired] est réformé
    } : seul un matériel en stock peut sortir
error-already-out = { $tag } est déjà sorti
error-not-out = { $tag } n’est pas sorti
error-not-out-status = { $tag } n’est pas sorti (statut { $status })
error-retire-instead = le matériel { $tag } compte { $count } attribution(s) dans son historique : réformez-le au lieu de le supprimer
error-still-used = { $count } { $label } y font encore référence
error-still-holds = { $who } détient encore { $count } matériel(s) : { $tags } ; faites-en d’abord le retour, ou forcez la modification (administrateur)
error-last-admin = c’est le dernier administrateur actif : nommez-en un autre d’abord
error-username-taken = cet identifiant est déjà pris
error-tag-used = ce numéro d’inventaire est déjà utilisé
error-serial-used = ce numéro de série est déjà enregistré pour ce fabricant
error-asset-already-out = le matériel est déjà sorti
error-duplicate = un enregistrement avec ces valeurs existe déjà
error-alert-already = l’alerte n° { $id } est déjà { $state ->
        [open] ouverte
        [acknowledged] prise en compte
       *[resolved] close
    }
error-changed-elsewhere = Quelqu’un a modifié ce matériel entre-temps : vérifiez les champs puis enregistrez à nouveau.
error-stale = l’enregistrement a été modifié par quelqu’un d’autre (version actuelle { $current })
error-no-smtp-server = aucun serveur SMTP n’est enregistré dans Administration → Notifications : enregistrez-en un d’abord
error-secret-other-key = le { $secret } des notifications est illisible : il a été scellé avec une autre clé secrète ({ $fingerprint }) ; un administrateur doit le saisir à nouveau (Administration → Notifications)
error-secret-damaged = le { $secret } des notifications est illisible : il est endommagé ; un administrateur doit le saisir à nouveau (Administration → Notifications)
error-backdate-staff = seuls l’administration et l’informatique peuvent dater une sortie dans le passé
error-handles-no-alerts = votre rôle ne traite pas les alertes
error-loan-alerts-only = l’accueil ne traite que les alertes de prêt
error-override-admin = seul un administrateur peut forcer une modification
error-demo-needs-empty = la base contient déjà des sites : les données de démonstration vont dans une base vide
error-restore-needs-empty = la restauration demande une base vide : celle-ci contient des données
error-not-a-backup = { $file } n’est pas une sauvegarde RadGestMat
error-unsupported-archive = format d’archive { $format } version { $version } non pris en charge
error-other-schema = l’archive a le schéma { $archive } (RadGestMat { $app_version }), cette version le schéma { $here } : restaurez-la avec cette version, puis mettez à jour
error-unexpected-line = ligne inattendue dans l’archive : { $line }
error-truncated = l’archive est tronquée : pas de manifeste

term-asset = matériel
term-site = site
term-location = emplacement
term-department = service
term-employee = employé
term-category = catégorie
term-manufacturer = fabricant
term-model = modèle
term-supplier = fournisseur
term-locations = emplacement(s)
term-employees = employé(s)
term-assets = matériel(s)
term-assignments = attribution(s)
term-models = modèle(s)
term-user_accounts = compte(s) utilisateur
term-smtp_password = mot de passe SMTP
term-webhook_secret = secret du webhook
