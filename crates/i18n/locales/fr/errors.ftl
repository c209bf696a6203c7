# Pourquoi une demande est refusée : les raisons du domaine (radgestmat_domain::Reason),
# `reason-<code>`, telles que les pages les affichent.

reason-must-not-be-empty = ne doit pas être vide
reason-too-long = doit compter au plus { $max } caractères
reason-control-characters = ne doit pas contenir de caractères de contrôle (comme un octet NUL ou, hors des notes, un saut de ligne)
reason-too-short = doit compter au moins { $min } caractères
reason-easy-to-guess = est trop facile à deviner (mot de passe courant, mot du dictionnaire, suite de touches ou nom du compte) : quelques mots sans rapport entre eux en font un bon
reason-too-many-bytes = doit compter au plus { $max } octets
reason-not-an-email = doit être une adresse de courriel, par exemple nom@exemple.tn
reason-too-many-addresses = peut compter au plus { $max } adresses
reason-not-an-id = doit être un identifiant positif
reason-not-ids = doivent être des identifiants positifs
reason-negative = ne doit pas être négatif
reason-cost-too-high = doit valoir au plus { $max } dinars
reason-before-purchase = ne doit pas être antérieure à la date d’achat
reason-year-range = doit tomber entre les années { $min } et { $max }
reason-must-not-be-in-the-future = ne doit pas être dans le futur
reason-must-be-in-the-future = doit être dans le futur
reason-tag-length = doit compter de 1 à 32 caractères
reason-tag-characters = ne peut contenir que des lettres, des chiffres, « - », « _ » et « . »
reason-code-characters = ne peut contenir que des lettres, des chiffres, « - » et « _ »
reason-username-shape = doit compter de 3 à 64 caractères parmi a-z, 0-9, « . », « _ » et « - »
reason-one-of = doit être l’une des valeurs { $names }
reason-sort-one-of = doit être l’une des valeurs { $names } (précédée de - pour inverser)
reason-limit-range = doit être un nombre de 1 à { $max }
reason-true-or-false = doit valoir true ou false
reason-unknown-parameter = paramètre inconnu
reason-day-or-instant = doit être une date (2026-11-21) ou un instant (2026-11-21T08:30:00Z)
reason-not-a-cursor = n’est pas un curseur donné par cette liste
reason-json-object = doit être un objet JSON
reason-malformed = valeur non valide ({ $detail })
reason-threshold-range = doit être compris entre 0 et 3650
reason-port-range = doit être compris entre 1 et 65535
reason-not-a-server-name = doit être un nom de serveur, par exemple smtp.magasin.tn
reason-required-to-send = est nécessaire pour envoyer des courriels
reason-required-with-password = est nécessaire avec un mot de passe
reason-not-http = doit être une adresse http:// ou https://
reason-positive-whole-number = doit être un nombre entier positif
reason-not-valid = n’est pas une valeur valide
reason-date-example = doit être une date, par exemple 21/11/2026
reason-amount-example = doit être un montant, par exemple 1234,500
reason-must-be-chosen = doit être choisi
reason-assigned-by-check-out = un matériel n’est attribué que par un prêt ou une remise
reason-no-holder = indiquez l’employé (ou l’emplacement) qui reçoit le matériel
reason-both-holders = indiquez un employé ou un emplacement, pas les deux
reason-confirm-open-ended = aucune date de retour : cochez « Sans date de retour » pour une remise durable, ou indiquez une date
reason-choose-employee = choisissez l’employé qui reçoit le matériel
reason-empty-kit = indiquez au moins un matériel
reason-kit-too-big = au plus { $max } matériels à la fois
reason-named-twice = { $tag } est cité deux fois
reason-no-asset = matériel { $key } introuvable
reason-no-such = aucun(e) { $what } n° { $id }
reason-location-elsewhere = cet emplacement n’est pas sur le site du matériel
reason-inactive = { $who } est inactif ou inactive
reason-check-in-first = le matériel est sorti : faites d’abord son retour
reason-checked-out-stays = { $tag } est sorti : faites son retour pour changer l’endroit où il se trouve
reason-not-available = { $tag } { $status ->
        [assigned] est déjà sorti
        [in_repair] est en réparation
        [lost] est déclaré perdu
       *[retired] est réformé
    } : seul un matériel en stock peut sortir
reason-already-out = { $tag } est déjà sorti
reason-not-out = { $tag } n’est pas sorti
reason-not-in-repair = { $tag } n’est pas en réparation : seul un matériel en réparation en revient
reason-not-audit-reminder = l’alerte n° { $id } n’est pas un rappel d’inventaire en cours
reason-not-out-status = { $tag } n’est pas sorti : il est { $status ->
        [in_stock] en stock
        [in_repair] en réparation
        [lost] déclaré perdu
       *[retired] réformé
    }
reason-retire-instead = le matériel { $tag } compte { $count ->
        [one] une attribution
       *[other] { $count } attributions
    } dans son historique : réformez-le au lieu de le supprimer
reason-still-used = { $count ->
    [one] { $count } { $label } y fait encore référence
   *[other] { $count } { $label } y font encore référence
}
reason-still-holds = { $who } détient encore { $count } { $count ->
        [one] matériel
       *[other] matériels
    } : { $tags } ; faites-en d’abord le retour, ou forcez la modification (administrateur)
reason-last-admin = c’est le dernier administrateur actif : nommez-en un autre d’abord
reason-username-taken = cet identifiant est déjà pris
reason-wrong-password = n’est pas votre mot de passe actuel
reason-no-matricule = aucun employé n’a le matricule { $matricule }
reason-employee-has-account = cet employé a déjà un compte utilisateur
reason-tag-used = ce numéro d’inventaire est déjà utilisé
reason-serial-used = ce numéro de série est déjà enregistré pour ce fabricant
reason-asset-already-out = le matériel est déjà sorti
reason-duplicate = un enregistrement avec ces valeurs existe déjà
reason-problem-already-reported = un problème est déjà signalé pour ce matériel (alerte n° { $id }) : le service informatique s’en occupe
reason-alert-already = l’alerte n° { $id } est déjà { $state ->
        [open] ouverte
        [acknowledged] prise en compte
       *[resolved] close
    }
reason-changed-elsewhere = Quelqu’un a modifié ce matériel entre-temps : vérifiez les champs puis enregistrez à nouveau.
reason-try-again-in = trop de tentatives : réessayez dans { $seconds } s
reason-stale = l’enregistrement a été modifié par quelqu’un d’autre (version actuelle { $current })
reason-no-smtp-server = aucun serveur SMTP n’est enregistré dans Administration → Notifications : enregistrez-en un d’abord
reason-secret-other-key = le { $secret } des notifications est illisible : il a été scellé avec une autre clé secrète ({ $fingerprint }) ; un administrateur doit le saisir à nouveau (Administration → Notifications)
reason-secret-damaged = le { $secret } des notifications est illisible : il est endommagé ; un administrateur doit le saisir à nouveau (Administration → Notifications)
reason-backdate-staff = seuls l’administration et l’informatique peuvent dater une sortie dans le passé
reason-loan-alerts-only = l’accueil ne traite que les alertes de prêt
reason-override-admin = seul un administrateur peut forcer une modification
reason-demo-needs-empty = la base contient déjà des sites : les données de démonstration vont dans une base vide
reason-restore-needs-empty = la restauration demande une base vide : celle-ci contient des données
reason-not-a-backup = { $file } n’est pas une sauvegarde RadGestMat
reason-unsupported-archive = format d’archive { $format } version { $version } non pris en charge
reason-other-schema = l’archive a le schéma { $archive } (RadGestMat { $app_version }), cette version le schéma { $here } : restaurez-la avec cette version, puis mettez à jour
reason-unexpected-line = ligne inattendue dans l’archive : { $line }
reason-truncated = l’archive est tronquée : pas de manifeste
reason-nul-in-row = table { $table }, ligne { $key } : la colonne { $column } contient un caractère NUL, que PostgreSQL ne peut pas enregistrer ; retirez-le dans la base d’origine (docs/fr/sauvegardes.md, « Passer de SQLite à PostgreSQL ») et refaites la sauvegarde

## Imports
reason-file-empty = le fichier n’a pas de ligne d’en-tête
reason-blank-header = la colonne { $column } n’a pas d’en-tête
reason-duplicate-header = l’en-tête « { $name } » nomme les colonnes { $first } et { $again }
reason-unreadable-line = la ligne { $line } est illisible : { $detail }
reason-no-sheet = { $detail }
reason-old-excel = un classeur Excel 97–2003 (.xls) : enregistrez-le en .xlsx ou en CSV, puis déposez-le à nouveau
reason-field-twice = les colonnes « { $first } » et « { $again } » remplissent toutes deux { $field } : la seconde est ignorée
reason-unknown-field = la colonne « { $header } » est associée à { $field }, qui n’est pas un champ du matériel
reason-missing-column = le fichier n’a pas de colonne pour { $field }
reason-unknown-named = aucun(e) { $what } ne s’appelle « { $name } » (cochez « créer les manquants » pour le créer)
reason-ambiguous-named = plusieurs { $what }s s’appellent « { $name } » : utilisez un nom ou un code unique
reason-new-model-needs = pour créer le modèle « { $name } », la ligne doit donner sa catégorie et son fabricant
reason-new-location-needs-site = pour créer l’emplacement « { $name } », la ligne doit donner son site
reason-tag-twice-in-file = ce numéro d’inventaire figure déjà ligne { $line } du fichier
reason-serial-twice-in-file = ce numéro de série figure déjà ligne { $line } du fichier
reason-status-unknown = statut inconnu « { $value } » (en stock, attribué, en réparation, perdu, réformé, ou les libellés de Snipe-IT)
reason-assigned-needs-holder = un matériel attribué doit avoir son détenteur (colonne « Détenteur » ou « Checked Out To »)
reason-holder-of-unavailable = un matériel { $status } ne peut pas être remis à un détenteur
reason-import-has-errors = { $count ->
    [one] 1 ligne est en erreur : corrigez le fichier, ou validez en « ignorant les lignes en erreur »
   *[other] { $count } lignes sont en erreur : corrigez le fichier, ou validez en « ignorant les lignes en erreur »
}
reason-import-not-checked = cet import est { $state } : seul un import vérifié peut être validé
reason-import-row-failed = ligne { $line } : { $detail } ; rien n’a été importé

## Étiquettes
reason-too-many-assets = au plus { $max } matériels à la fois : affinez la sélection
reason-no-asset-selected = aucun matériel n’est choisi
reason-url-too-long = l’adresse { $url } est trop longue pour un QR code lisible sur une étiquette : raccourcissez RADGESTMAT_PUBLIC_URL
reason-not-code128 = le numéro { $tag } contient « { $character } », qu’un code-barres Code 128 ne peut pas porter : choisissez le QR code
reason-start-past-sheet = une planche compte { $per_sheet } étiquettes : la position de départ va de 1 à { $per_sheet }
reason-bulk-refused = { $tag } : { $detail } ; rien n’a été modifié

## Champs personnalisés
reason-custom-key-shape = lettres minuscules, chiffres et _, en commençant par une lettre (imei, adresse_mac)
reason-format-of-text = seul un champ texte a un format
reason-list-needs-options = une liste doit avoir ses choix
reason-not-a-mac-address = doit être une adresse MAC, par exemple AA:BB:CC:DD:EE:FF
reason-not-an-imei = doit être un IMEI : 15 chiffres dont le dernier est la clé de contrôle
reason-not-a-number = doit être un nombre, par exemple 24 ou 2,5
reason-one-of-options = doit être l’un de { $names }
reason-custom-kind-expected = doit être une valeur de type { $kind }
reason-no-custom-field = la catégorie du matériel n’a pas de champ « { $key } »
reason-unknown-custom-field = aucun champ personnalisé ne s’appelle « { $key } »
reason-custom-value-used = cette valeur est déjà celle de { $tag }
reason-custom-value-shared = { $tags } ont la même valeur « { $value } » : corrigez l’un d’eux avant de rendre le champ unique
reason-changed-since-check = { $tag } a été modifié depuis l’essai : vérifiez le fichier à nouveau
reason-record-exists = { $what } « { $key } » existe déjà (choisissez « mettre à jour » ou « créer ou mettre à jour » pour le modifier)
reason-no-record = aucun(e) { $what } « { $key } » n’existe (choisissez « créer » ou « créer ou mettre à jour » pour l’ajouter)
reason-key-twice-in-file = cet enregistrement figure déjà ligne { $line } du fichier
reason-role-unknown = rôle inconnu « { $value } » (admin, informatique, accueil, direction, employé)
reason-yes-or-no = écrivez oui ou non (yes / no, 1 / 0)
reason-sheet-full = une feuille compte au plus { $max } lignes : affinez le filtre, ou exportez en CSV
reason-value-twice-in-file = cette valeur figure déjà ligne { $line } du fichier
